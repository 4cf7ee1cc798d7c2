package com.finpulse.ingest.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an SEC EDGAR filing index page ({@code ...-index.htm}) says about one filing.
 *
 * @param form form type, e.g. {@code 8-K}, {@code 10-K}, {@code 4}
 * @param description the form's name as EDGAR gives it
 * @param accepted acceptance time (US Eastern on the page)
 * @param items 8-K items (e.g. {@code Item 2.02: Results of Operations and Financial Condition})
 * @param filers companies and persons on the filing, in page order (issuer or filer first)
 * @param primaryDocument absolute URL of the main document
 */
public record FilingIndex(
    String form,
    @Nullable String description,
    @Nullable String accessionNumber,
    @Nullable LocalDate filingDate,
    @Nullable Instant accepted,
    @Nullable LocalDate periodOfReport,
    List<String> items,
    List<Filer> filers,
    @Nullable String primaryDocument) {

  public FilingIndex {
    items = List.copyOf(items);
    filers = List.copyOf(filers);
  }

  /**
   * @param role as EDGAR labels it: Filer, Issuer, Reporting, Subject, Filed by
   */
  public record Filer(String name, @Nullable String cik, @Nullable String role) {}
}
