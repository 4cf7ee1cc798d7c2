package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilingTextTest {

  @Test
  void narrativeBlocksBecomeSentencesAndTablesAndTheXbrlHeaderAreLeftOut() {
    String html =
        """
        <html><body>
        <div style="display:none"><ix:header><ix:hidden>Hidden fact 2024.</ix:hidden></ix:header></div>
        <p>Cover page of <ix:nonNumeric name="dei:EntityRegistrantName">Example Widgets,
        Inc.</ix:nonNumeric></p>
        <div><span>Net sales increased 6% to $9.4 million. The increase was driven by</span>
        <span> Example Widgets Inc. products in the U.S. market.</span></div>
        <table><tr><td>Net sales</td><td>9.4</td></tr></table>
        <p>Gross margin was 41%.</p>
        </body></html>
        """;
    FilingText t = FilingText.parse(html, "fallback");
    assertThat(t.registrant()).isEqualTo("Example Widgets, Inc.");
    assertThat(t.sentences())
        .containsExactly(
            "Cover page of Example Widgets, Inc.",
            "Net sales increased 6% to $9.4 million.",
            "The increase was driven by Example Widgets Inc. products in the U.S. market.",
            "Gross margin was 41%.");
  }

  @Test
  void aFilingWithoutInlineXbrlNamesItsRegistrantByTheFallback() {
    FilingText t = FilingText.parse("<p>Orders rose 4% to 120 units.</p>", "acme");
    assertThat(t.registrant()).isEqualTo("acme");
    assertThat(t.sentences()).containsExactly("Orders rose 4% to 120 units.");
  }

  @Test
  void sentencesSplitAtFullStopsButNotAfterAbbreviationsOrInitials() {
    assertThat(
            FilingText.sentences(
                "Sales rose 4% at Acme Corp. in Europe. J. Smith joined in Jan. 2024. Why? Done!"))
        .containsExactly(
            "Sales rose 4% at Acme Corp. in Europe.",
            "J. Smith joined in Jan. 2024.", "Why?", "Done!");
  }

  @Test
  void companyKeysIgnoreCaseLegalFormsAndPunctuation() {
    assertThat(FilingText.companyKey("Apple Inc.")).isEqualTo("apple");
    assertThat(FilingText.companyKey("APPLE")).isEqualTo("apple");
    assertThat(FilingText.companyKey("The Coca-Cola Company")).isEqualTo("coca cola");
    assertThat(FilingText.companyKey("Inc.")).isEqualTo("inc.");
  }
}
