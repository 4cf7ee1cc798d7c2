package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.model.data.ResultSentenceRules.Rule;
import com.finpulse.model.data.ResultSentenceRules.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultSentenceRulesTest {

  private static Optional<Verdict> label(String s) {
    return ResultSentenceRules.label(s);
  }

  @Test
  void resultMetricsUpArePositiveAndDownNegative() {
    assertThat(label("Net sales increased 6% to $94.9 billion in the third quarter."))
        .contains(new Verdict("positive", Rule.RESULT_UP));
    assertThat(
            label(
                "For the quarter ended June 30, operating profit rose to EUR 13 million from EUR 9"
                    + " million."))
        .contains(new Verdict("positive", Rule.RESULT_UP));
    assertThat(label("Quarterly revenue was down 8% at $412 million compared with last year."))
        .contains(new Verdict("negative", Rule.RESULT_DOWN));
    assertThat(label("Total revenues decreased $1.2 billion, or 7%, compared to 2023."))
        .contains(new Verdict("negative", Rule.RESULT_DOWN));
    assertThat(label("Our gross margin was lower by 120 basis points at 41.2% in 2024."))
        .contains(new Verdict("negative", Rule.RESULT_DOWN));
  }

  @Test
  void costsAndLossesAreInverted() {
    assertThat(label("Net loss widened to $48 million in the second quarter of 2025."))
        .contains(new Verdict("negative", Rule.COST_UP));
    assertThat(label("Net loss narrowed to $3.1 million from $7.4 million a year earlier."))
        .contains(new Verdict("positive", Rule.COST_DOWN));
    assertThat(label("Cost of sales increased 14% to $2.3 billion, reflecting higher volumes."))
        .contains(new Verdict("negative", Rule.COST_UP));
    assertThat(label("Research and development expenses decreased 5% to $310 million in 2024."))
        .contains(new Verdict("positive", Rule.COST_DOWN));
  }

  @Test
  void metricLevelsAndPlainFactsAreNeutral() {
    assertThat(label("Revenue for the fourth quarter was $2.1 billion, as reported on Form 8-K."))
        .contains(new Verdict("neutral", Rule.LEVEL));
    assertThat(
            label("The Company had approximately 12,400 full-time employees as of May 31, 2025."))
        .contains(new Verdict("neutral", Rule.PLAIN));
    // a level against another period implies a direction: left out
    assertThat(label("Diluted earnings per share was $6.36 compared to $4.20 a year ago."))
        .isEmpty();
  }

  @Test
  void segmentNamesBulletsLeadingClausesAndChangeNounsAreRead() {
    assertThat(label("• Cloud services revenues grew 19% to $27.5 billion in 2024."))
        .contains(new Verdict("positive", Rule.RESULT_UP));
    assertThat(label("Excluding currency effects, organic sales increased 2% in the quarter."))
        .contains(new Verdict("positive", Rule.RESULT_UP));
    assertThat(
            label("The decrease in operating income was primarily due to $40 million of charges."))
        .contains(new Verdict("negative", Rule.RESULT_DOWN));
    // a prepositional phrase before the metric: it is not the subject
    assertThat(label("Demand for our products as a share of revenue rose 3% in 2024.")).isEmpty();
  }

  @Test
  void aMetricAsTheObjectOfTheDirectionIsNotItsSubject() {
    assertThat(label("Expenses – Decreased earnings by $420 million, mainly from depreciation."))
        .isEmpty();
    assertThat(label("Higher costs decreased earnings by $420 million in the year 2024."))
        .isEmpty();
  }

  @Test
  void unsureSentencesAreLeftOut() {
    // hedged or forward-looking
    assertThat(label("Net sales may decrease by 10% in fiscal 2026 if demand weakens.")).isEmpty();
    assertThat(label("We expect revenue to increase 4% to 6% in fiscal 2026.")).isEmpty();
    // negated
    assertThat(label("Operating income did not increase in 2024 despite 3% higher prices."))
        .isEmpty();
    // contradicted after "while" / "but"
    assertThat(label("Revenue increased 3% in 2024, while net income declined 12% to $1 billion."))
        .isEmpty();
    // a cost and a result metric in one subject
    assertThat(label("Sales and marketing expenses increased 9% to $1.4 billion in 2024."))
        .isEmpty();
    // no number: not the register of results reporting
    assertThat(label("Net sales increased across all of our geographic segments this year."))
        .isEmpty();
    // a plain-looking sentence with a word of gain or loss is not neutral
    assertThat(label("The Company recorded an impairment of $45 million on two plants in 2024."))
        .isEmpty();
    // too short to say anything
    assertThat(label("Sales rose 5%.")).isEmpty();
  }

  @Test
  void aNarrowingMarginIsNotCalled() {
    assertThat(label("Operating margin narrowed to 11.5% in the third quarter of 2025.")).isEmpty();
  }

  @Test
  void mistakesFoundInAHandCheckAreLeftOut() {
    // the change noun's metric is part of a longer subject (a cost)
    assertThat(
            label(
                "The increase in sales and marketing expenses in 2024 was driven by $131 million"
                    + " of personnel costs."))
        .isEmpty();
    // "higher" as an adjective later in the sentence, not the predicate of the metric
    assertThat(
            label(
                "In the fourth quarter, we recorded an earnings charge of $822, due to higher"
                    + " production costs."))
        .isEmpty();
    assertThat(label("Net sales were higher by 4% at $2.2 billion in the quarter."))
        .contains(new Verdict("positive", Rule.RESULT_UP));
    // litigation and fines are news, not plain facts
    assertThat(
            label(
                "In 2018, a supplier filed a complaint against the Company in a court of 3 judges."))
        .isEmpty();
    assertThat(label("In September 2024, the court annulled the 2019 fine of 1.5 billion."))
        .isEmpty();
    // headings and page footers are not sentences
    assertThat(label("20 The Example Widgets Company")).isEmpty();
    assertThat(label("Note 5 - Cash Equivalents and Marketable Securities")).isEmpty();
  }
}
