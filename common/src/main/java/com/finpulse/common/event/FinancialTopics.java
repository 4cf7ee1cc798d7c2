package com.finpulse.common.event;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 20 financial topics articles are classified into: those of the Twitter Financial News Topic
 * data, named as its dataset card names them, in its label-id order (label 0 is the first). The
 * model's default topic labels, the simulator's templates and subscription validation all use this
 * list.
 */
public final class FinancialTopics {

  public static final List<String> NAMES =
      List.of(
          "Analyst Update",
          "Fed | Central Banks",
          "Company | Product News",
          "Treasuries | Corporate Debt",
          "Dividend",
          "Earnings",
          "Energy | Oil",
          "Financials",
          "Currencies",
          "General News | Opinion",
          "Gold | Metals | Materials",
          "IPO",
          "Legal | Regulation",
          "M&A | Investments",
          "Macro",
          "Markets",
          "Politics",
          "Personnel Change",
          "Stock Commentary",
          "Stock Movement");

  private FinancialTopics() {}

  /** The topic's canonical name, matched case-insensitively; empty for an unknown name. */
  public static Optional<String> canonical(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return NAMES.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }
}
