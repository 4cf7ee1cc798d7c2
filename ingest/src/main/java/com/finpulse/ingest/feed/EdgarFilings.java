package com.finpulse.ingest.feed;

import static com.finpulse.ingest.feed.Markup.absoluteHttp;
import static com.finpulse.ingest.feed.Markup.blankToNull;
import static com.finpulse.ingest.feed.Markup.child;
import static com.finpulse.ingest.feed.Markup.childText;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * SEC EDGAR documents turned into news items with readable titles ({@code Apple Inc. files Form
 * 8-K: Results of Operations and Financial Condition}): the current-filings and company Atom feeds,
 * the "EDGAR Current Events" HTML page and filing index pages.
 */
public final class EdgarFilings {

  /** EDGAR states times in US Eastern time. */
  static final ZoneId EDGAR_ZONE = ZoneId.of("America/New_York");

  private static final Pattern CURRENT_TITLE =
      Pattern.compile("^(.+?)\\s+-\\s+(.+?)\\s+\\((\\d{4,10})\\)\\s*(?:\\(([^)]+)\\))?\\s*$");
  private static final Pattern ITEM = Pattern.compile("Item\\s+\\d+\\.\\d+\\s*:?\\s*[^<\\n]+");
  private static final Pattern ACCESSION = Pattern.compile("\\d{10}-\\d{2}-\\d{6}");
  private static final Pattern CIK = Pattern.compile("CIK[^0-9]{0,20}(\\d{4,10})");
  private static final DateTimeFormatter CURRENT_EVENTS_DATE =
      DateTimeFormatter.ofPattern("MM-dd-yyyy", Locale.ROOT);

  private EdgarFilings() {}

  /** Rewrites the items of an EDGAR Atom feed (parsed by {@link FeedParser}) into filing news. */
  public static ParsedFeed fromAtom(Document doc, ParsedFeed atom) {
    Element feed = FeedParser.root(doc);
    String feedCompany = null;
    String feedCik = null;
    if (feed != null) {
      Element info = child(feed, "company-info");
      if (info != null) {
        feedCompany = childText(info, "conformed-name");
        feedCik = childText(info, "cik");
      }
    }
    List<Element> entries = feed == null ? List.of() : feed.getElementsByTag("entry");
    List<FeedItem> out = new ArrayList<>();
    int i = 0;
    for (FeedItem item : atom.items()) {
      Element entry = i < entries.size() ? entries.get(i) : null;
      i++;
      String form = null;
      String formName = null;
      String company = feedCompany;
      String cik = feedCik;
      String role = null;
      List<String> items = new ArrayList<>();
      if (entry != null) {
        Element category = child(entry, "category");
        if (category != null) {
          form = blankToNull(category.attr("term"));
        }
        Element content = child(entry, "content");
        if (content != null) {
          form = firstNonNull(childText(content, "filing-type"), form);
          formName = childText(content, "form-name");
          String itemsDesc = childText(content, "items-desc");
          if (itemsDesc != null) {
            items.addAll(itemsOf(itemsDesc));
          }
        }
        Element summary = child(entry, "summary");
        if (summary != null && items.isEmpty()) {
          items.addAll(itemsOf(summary.text()));
        }
      }
      Matcher m = CURRENT_TITLE.matcher(item.title());
      if (m.matches()) {
        form = firstNonNull(form, m.group(1).strip());
        company = m.group(2).strip();
        cik = m.group(3);
        role = m.group(4);
      } else if (form == null) {
        int dash = item.title().indexOf(" - ");
        if (dash > 0) {
          form = item.title().substring(0, dash).strip();
          formName = firstNonNull(formName, item.title().substring(dash + 3).strip());
        }
      }
      if (form == null || company == null) {
        out.add(item);
        continue;
      }
      LocalDate filed =
          item.published() == null ? null : item.published().atZone(EDGAR_ZONE).toLocalDate();
      out.add(
          new FeedItem(
              title(company, form, items, formName),
              item.link(),
              item.published(),
              body(company, cik, form, formName, filed, items, role),
              item.guid(),
              null,
              List.of(),
              "en",
              "SEC EDGAR"));
    }
    return new ParsedFeed(
        atom.format(), atom.title(), "en", out, atom.childSitemaps(), atom.problems());
  }

  /**
   * The "EDGAR Current Events" page ({@code /cgi-bin/current?q1=...}): one line per filing in a
   * {@code <pre>} block, date filed, form (linked to its index), CIK and company name.
   */
  public static ParsedFeed currentEvents(Document page, @Nullable URI base)
      throws FeedParseException {
    Element pre = page.selectFirst("pre");
    if (pre == null) {
      throw new FeedParseException("no <pre> filing list on the EDGAR current events page");
    }
    List<FeedItem> items = new ArrayList<>();
    for (String line : pre.html().split("\n|<hr>")) {
      Document row = Jsoup.parseBodyFragment(line, base == null ? "" : base.toString());
      List<Element> links = row.select("a[href]");
      if (links.size() < 2) {
        continue;
      }
      Element formLink = links.get(0);
      Element cikLink = links.get(1);
      String text = row.body().text();
      String datePart = text.split("\\s+", 2)[0];
      LocalDate filed;
      try {
        filed = LocalDate.parse(datePart, CURRENT_EVENTS_DATE);
      } catch (DateTimeParseException e) {
        continue;
      }
      String company =
          blankToNull(text.substring(text.indexOf(cikLink.text()) + cikLink.text().length()));
      String form = blankToNull(formLink.text());
      if (company == null || form == null) {
        continue;
      }
      String link = absoluteHttp(formLink.attr("href"), base);
      Matcher acc = ACCESSION.matcher(formLink.attr("href"));
      items.add(
          new FeedItem(
              title(company, form, List.of(), null),
              link,
              filed.atStartOfDay(EDGAR_ZONE).toInstant(),
              body(company, cikLink.text().strip(), form, null, filed, List.of(), null),
              acc.find() ? acc.group() : link,
              null,
              List.of(),
              "en",
              "SEC EDGAR"));
    }
    return new ParsedFeed(
        FeedFormat.EDGAR_CURRENT_EVENTS,
        blankToNull(page.title()),
        "en",
        items,
        List.of(),
        List.of());
  }

  /** A filing index page ({@code .../0001628280-17-000327-index.htm}). */
  public static FilingIndex filingIndex(Document page, @Nullable URI base)
      throws FeedParseException {
    Element formName = page.selectFirst("#formName");
    if (formName == null) {
      throw new FeedParseException("not an EDGAR filing index page: no #formName");
    }
    Element strong = formName.selectFirst("strong");
    String form = strong == null ? "" : strong.text().replaceFirst("(?i)^form\\s+", "").strip();
    String whole = formName.text();
    int dash = whole.indexOf(" - ");
    String description =
        dash < 0 ? null : blankToNull(whole.substring(dash + 3).replaceAll("[:\\s]+$", ""));
    Element secNum = page.selectFirst("#secNum");
    String accession = null;
    if (secNum != null) {
      Matcher m = ACCESSION.matcher(secNum.text());
      accession = m.find() ? m.group() : null;
    }
    LocalDate filingDate = null;
    LocalDate period = null;
    Instant accepted = null;
    List<String> items = new ArrayList<>();
    for (Element head : page.select(".formGrouping .infoHead")) {
      Element info = head.nextElementSibling();
      if (info == null || !info.hasClass("info")) {
        continue;
      }
      String label = head.text().strip().toLowerCase(Locale.ROOT);
      String value = info.text().strip();
      switch (label) {
        case "filing date" -> filingDate = date(value);
        case "period of report" -> period = date(value);
        case "accepted" -> accepted = dateTime(value);
        case "items" -> items.addAll(itemsOf(info.html().replace("<br>", "\n")));
        default -> {}
      }
    }
    List<FilingIndex.Filer> filers = new ArrayList<>();
    for (Element name : page.select(".companyInfo .companyName")) {
      String text = name.text();
      int paren = text.indexOf(" (");
      String who = (paren > 0 ? text.substring(0, paren) : text).strip();
      String role = null;
      if (paren > 0) {
        int close = text.indexOf(')', paren);
        role = close > paren ? blankToNull(text.substring(paren + 2, close)) : null;
      }
      Matcher cik = CIK.matcher(text);
      filers.add(new FilingIndex.Filer(who, cik.find() ? cik.group(1) : null, role));
    }
    String primary = null;
    for (Element row : page.select("table.tableFile tr")) {
      Element a = row.selectFirst("a[href]");
      if (a != null) {
        primary = absoluteHttp(a.attr("href").replaceFirst("^/ix\\?doc=", ""), base);
        break;
      }
    }
    if (form.isEmpty()) {
      throw new FeedParseException("EDGAR filing index page without a form type");
    }
    return new FilingIndex(
        form, description, accession, filingDate, accepted, period, items, filers, primary);
  }

  /** A filing index as one news item about its first filer. */
  public static FeedItem toItem(FilingIndex f, @Nullable String pageUrl) {
    FilingIndex.Filer first = f.filers().isEmpty() ? null : f.filers().get(0);
    String company = first == null ? "Unknown filer" : first.name();
    Instant published =
        f.accepted() != null
            ? f.accepted()
            : f.filingDate() == null ? null : f.filingDate().atStartOfDay(EDGAR_ZONE).toInstant();
    return new FeedItem(
        title(company, f.form(), f.items(), f.description()),
        pageUrl,
        published,
        body(
            company,
            first == null ? null : first.cik(),
            f.form(),
            f.description(),
            f.filingDate(),
            f.items(),
            first == null ? null : first.role()),
        f.accessionNumber(),
        null,
        List.of(),
        "en",
        "SEC EDGAR");
  }

  static String title(String company, String form, List<String> items, @Nullable String formName) {
    String what = null;
    if (!items.isEmpty()) {
      String first = items.get(0);
      int colon = first.indexOf(':');
      what = colon > 0 ? first.substring(colon + 1).strip() : first;
    } else if (formName != null) {
      what = formName;
    }
    return company + " files Form " + form + (what == null || what.isBlank() ? "" : ": " + what);
  }

  static String body(
      String company,
      @Nullable String cik,
      String form,
      @Nullable String formName,
      @Nullable LocalDate filed,
      List<String> items,
      @Nullable String role) {
    StringBuilder sb = new StringBuilder("Form ").append(form);
    if (formName != null) {
      sb.append(" (").append(formName).append(')');
    }
    sb.append(" filed");
    if (filed != null) {
      sb.append(' ').append(filed);
    }
    sb.append(" by ").append(company);
    if (cik != null || role != null) {
      sb.append(" (");
      if (cik != null) {
        sb.append("CIK ").append(cik);
      }
      if (role != null) {
        sb.append(cik != null ? ", " : "").append(role);
      }
      sb.append(')');
    }
    sb.append('.');
    for (String item : items) {
      sb.append(' ').append(item.strip());
      if (!item.strip().endsWith(".")) {
        sb.append('.');
      }
    }
    return sb.toString();
  }

  static List<String> itemsOf(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ITEM.matcher(text.replace("&lt;", "<").replace("&gt;", ">"));
    while (m.find()) {
      out.add(m.group().replaceAll("\\s+", " ").strip());
    }
    return out;
  }

  private static @Nullable LocalDate date(String s) {
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Instant dateTime(String s) {
    try {
      return LocalDateTime.parse(s.strip().replace(' ', 'T')).atZone(EDGAR_ZONE).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @SafeVarargs
  private static <T> @Nullable T firstNonNull(T... values) {
    return FeedParser.firstNonNull(values);
  }
}
