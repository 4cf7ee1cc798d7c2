package com.finpulse.ingest.simulate;

import java.util.List;

/**
 * One headline pattern, as {@code headline-templates.yml} gives it.
 *
 * @param topic the topic the headline is about, one of {@code FinancialTopics.NAMES}
 * @param tone the sentiment it carries
 * @param sectors companies of these sectors may fill the company slots; empty for headlines about
 *     no company
 * @param headline the pattern; {@link Slot}s are filled by {@link HeadlineGenerator}
 * @param leads first sentences of the article, one picked at random
 */
record Template(
    String topic, Tone tone, List<Company.Sector> sectors, String headline, List<String> leads) {

  Template {
    sectors = List.copyOf(sectors);
    leads = List.copyOf(leads);
  }

  boolean needsCompany() {
    return Slot.anyNeedsCompany(headline);
  }
}
