package com.finpulse.ingest.source;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.dedup.UrlCanonicalizer;
import com.finpulse.ingest.extract.ExtractedArticle;
import com.finpulse.ingest.feed.FeedItem;
import com.finpulse.ingest.ticker.TickerFinder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link NewsArticle}s from what a source read: the canonical URL and the id made from it,
 * the fingerprint of title and lead, tickers (configured for the source, stated by the document,
 * found by extraction and by the {@link TickerFinder}), a body cut to size.
 */
public final class ArticleAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleAssembler.class);

  /** An article and the other ids it is known by. */
  public record Assembled(NewsArticle article, List<String> aliases) {}

  private final UrlCanonicalizer urls;
  private final TickerFinder tickerFinder;
  private final int maxBodyChars;
  private final Clock clock;

  public ArticleAssembler(
      UrlCanonicalizer urls, TickerFinder tickerFinder, int maxBodyChars, Clock clock) {
    this.urls = urls;
    this.tickerFinder = tickerFinder;
    this.maxBodyChars = maxBodyChars;
    this.clock = clock;
  }

  public UrlCanonicalizer urls() {
    return urls;
  }

  /** The id a link would have as an article, for the check before fetching it. */
  public Optional<String> linkId(String link) {
    return urls.canonicalize(link).map(c -> ArticleIds.fromCanonicalUrl(c.identity()));
  }

  /** An article from a feed item alone (title and summary). */
  public Optional<Assembled> fromItem(
      FeedItem item,
      String source,
      Collection<String> sourceTickers,
      @Nullable String sourceLanguage) {
    return fromItem(
        item,
        source,
        sourceTickers,
        sourceLanguage,
        source + "|" + (item.guid() == null ? "" : item.guid()));
  }

  /**
   * An article from an item, with the qualifier that makes the id of an item without a URL (see
   * {@link ArticleIds#fromContent}): a replayed row uses a qualifier that does not depend on the
   * source's name, so a file replays to the same ids under any name.
   */
  public Optional<Assembled> fromItem(
      FeedItem item,
      String source,
      Collection<String> sourceTickers,
      @Nullable String sourceLanguage,
      String idQualifier) {
    String title = clean(item.title());
    if (title == null) {
      return Optional.empty();
    }
    String body = cut(clean(item.summary()));
    if (body != null && body.equals(title)) {
      body = null;
    }
    UrlCanonicalizer.Canonical url =
        item.link() == null ? null : urls.canonicalize(item.link()).orElse(null);
    String id =
        url != null
            ? ArticleIds.fromCanonicalUrl(url.identity())
            : ArticleIds.fromContent(title, item.published(), idQualifier);
    return Optional.of(
        new Assembled(
            new NewsArticle(
                id,
                source,
                url == null ? null : url.url(),
                title,
                body,
                item.published(),
                clock.instant(),
                item.language() != null ? item.language() : sourceLanguage,
                tickers(sourceTickers, item.tickers(), List.of(), title, body),
                item.author(),
                ContentFingerprint.of(title, body)),
            List.of()));
  }

  /**
   * An article from its extracted page; the feed item or listing link that led to it fills what the
   * page lacks.
   *
   * @param pageUrl where the page was fetched from (after redirects)
   * @param linkUrl the link the feed or listing gave, if different
   */
  public Optional<Assembled> fromPage(
      ExtractedArticle page,
      String pageUrl,
      @Nullable String linkUrl,
      @Nullable FeedItem item,
      String source,
      Collection<String> sourceTickers,
      @Nullable String sourceLanguage) {
    String title = clean(page.title());
    if (title == null && item != null) {
      title = clean(item.title());
    }
    if (title == null) {
      return Optional.empty();
    }
    String body = cut(clean(page.text()));
    if (body == null && item != null) {
      body = cut(clean(item.summary()));
    }
    UrlCanonicalizer.Canonical url =
        firstPresent(plausibleCanonical(page.canonicalUrl(), pageUrl), pageUrl, linkUrl);
    if (url == null) {
      return Optional.empty();
    }
    String id = ArticleIds.fromCanonicalUrl(url.identity());
    Set<String> aliases = new LinkedHashSet<>();
    for (String other : new String[] {pageUrl, linkUrl}) {
      if (other != null) {
        urls.canonicalize(other)
            .map(c -> ArticleIds.fromCanonicalUrl(c.identity()))
            .filter(a -> !a.equals(id))
            .ifPresent(aliases::add);
      }
    }
    Instant published =
        page.published() != null ? page.published() : item == null ? null : item.published();
    String language =
        page.language() != null
            ? page.language()
            : item != null && item.language() != null ? item.language() : sourceLanguage;
    String author = page.author() != null ? page.author() : item == null ? null : item.author();
    return Optional.of(
        new Assembled(
            new NewsArticle(
                id,
                source,
                url.url(),
                title,
                body,
                published,
                clock.instant(),
                language,
                tickers(
                    sourceTickers,
                    item == null ? List.of() : item.tickers(),
                    page.tickers(),
                    title,
                    body),
                author,
                ContentFingerprint.of(title, body)),
            List.copyOf(aliases)));
  }

  /**
   * A site whose every page names its home page as canonical would fold all its articles into one:
   * a canonical URL without a path is ignored for a page that has one.
   */
  private static @Nullable String plausibleCanonical(@Nullable String canonical, String pageUrl) {
    if (canonical == null) {
      return null;
    }
    try {
      String cPath = java.net.URI.create(canonical.strip()).getPath();
      String pPath = java.net.URI.create(pageUrl).getPath();
      boolean canonicalIsRoot = cPath == null || cPath.isEmpty() || cPath.equals("/");
      boolean pageIsRoot = pPath == null || pPath.isEmpty() || pPath.equals("/");
      return canonicalIsRoot && !pageIsRoot ? null : canonical;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private UrlCanonicalizer.@Nullable Canonical firstPresent(String... candidates) {
    for (String c : candidates) {
      if (c != null) {
        Optional<UrlCanonicalizer.Canonical> canonical = urls.canonicalize(c);
        if (canonical.isPresent()) {
          return canonical.get();
        }
      }
    }
    return null;
  }

  /** Configured, then stated, then extracted, then found in the text; each once. */
  List<String> tickers(
      Collection<String> configured,
      Collection<String> stated,
      Collection<String> extracted,
      String title,
      @Nullable String body) {
    Set<String> out = new LinkedHashSet<>(configured);
    out.addAll(stated);
    out.addAll(extracted);
    try {
      out.addAll(tickerFinder.find(body == null ? title : title + "\n" + body));
    } catch (RuntimeException e) {
      LOG.debug("ticker finding failed for '{}'", title, e);
    }
    return new ArrayList<>(out);
  }

  private static @Nullable String clean(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.replace('\u0000', ' ').strip();
    return t.isEmpty() ? null : t;
  }

  private @Nullable String cut(@Nullable String body) {
    if (body == null || body.length() <= maxBodyChars) {
      return body;
    }
    int end = body.lastIndexOf(' ', maxBodyChars);
    return body.substring(0, end > maxBodyChars / 2 ? end : maxBodyChars).strip() + " …";
  }
}
