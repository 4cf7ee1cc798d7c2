package com.finpulse.ingest.simulate;

import java.util.List;

/**
 * One headline pattern.
 *
 * @param topic the topic the headline is about, in the topic model's label set
 * @param tone the sentiment it carries
 * @param sectors companies of these sectors may fill {@code {co}} (and {@code {co2}}); empty for
 *     headlines about no company
 * @param headline the pattern; placeholders are filled by {@link HeadlineGenerator}
 * @param leads first sentences of the article, one picked at random
 */
record Template(
    String topic, Tone tone, List<Company.Sector> sectors, String headline, List<String> leads) {

  static final String ENERGY_OIL = "Energy | Oil";
  static final String EARNINGS = "Earnings";
  static final String FINANCIALS = "Financials";
  static final String MA = "M&A | Investments";
  static final String FED = "Fed | Central Banks";
  static final String MACRO = "Macro";
  static final String MARKETS = "Markets";
  static final String COMPANY = "Company | Product News";
  static final String ANALYST = "Analyst Update";
  static final String DIVIDEND = "Dividend";
  static final String IPO = "IPO";
  static final String PERSONNEL = "Personnel Change";
  static final String TREASURIES = "Treasuries | Corporate Debt";
  static final String LEGAL = "Legal | Regulation";
  static final String CURRENCIES = "Currencies";
  static final String METALS = "Gold | Metals | Materials";
  static final String MOVEMENT = "Stock Movement";

  boolean needsCompany() {
    return headline.contains("{co}") || headline.contains("{tk}");
  }
}
