package com.finpulse.ingest.dedup;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.config.DedupSettings;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an article is new, and remembers what was sent.
 *
 * <p>An article is <em>claimed</em> before it is handed to Kafka (so a second copy arriving while
 * the first is in flight is already a duplicate) and <em>confirmed</em> when Kafka acknowledges it:
 * only then is it written to the {@link SentJournal}. An article Kafka refuses for good is released
 * and may come again. Thread-safe.
 */
public final class Deduplicator {

  /**
   * The decision about one article.
   *
   * @param original the article it duplicates (id) and that article's source, for logs
   */
  public record Verdict(
      DuplicateKind kind, @Nullable String originalId, @Nullable String originalSource) {
    static final Verdict NEW = new Verdict(DuplicateKind.NEW, null, null);

    public boolean isNew() {
      return kind == DuplicateKind.NEW;
    }
  }

  private final DedupSettings settings;
  private final @Nullable SentJournal journal;
  private final Clock clock;
  private final DedupIndex index;

  /**
   * @param journal where confirmed articles are persisted; null keeps everything in memory (the
   *     simulator, whose articles are new by construction on every run)
   */
  public Deduplicator(DedupSettings settings, @Nullable SentJournal journal, Clock clock) {
    this.settings = settings;
    this.journal = journal;
    this.clock = clock;
    this.index = new DedupIndex(settings.nearMaxDistance());
  }

  /** Loads what was sent before this run (journal and news.raw read-back). */
  public synchronized void restore(Collection<SentArticle> articles) {
    for (SentArticle a : articles) {
      index.add(a);
    }
  }

  public synchronized int size() {
    return index.size();
  }

  /**
   * Whether a link is already known, before paying for a fetch of its page.
   *
   * @param linkId {@code ArticleIds.fromCanonicalUrl} of the link's identity form
   */
  public synchronized Verdict checkLink(String linkId, String source) {
    DedupIndex.Entry e = index.byId(linkId);
    if (e == null) {
      return Verdict.NEW;
    }
    return new Verdict(
        e.source().equals(source) ? DuplicateKind.KNOWN : DuplicateKind.EXACT, linkId, e.source());
  }

  /**
   * Checks an article and, when it is new, reserves it: a copy claimed meanwhile is a duplicate.
   *
   * @param aliases other ids of the same article (the listing link's id), remembered with it
   */
  public synchronized Verdict claim(NewsArticle a, List<String> aliases) {
    return claim(a, aliases, true);
  }

  /**
   * @param nearDuplicateCheck false to compare by id only (items distinct by nature, such as SEC
   *     filings, whose texts can be alike)
   */
  public synchronized Verdict claim(
      NewsArticle a, List<String> aliases, boolean nearDuplicateCheck) {
    for (String id : concat(a.id(), aliases)) {
      DedupIndex.Entry e = index.byId(id);
      if (e != null) {
        return new Verdict(
            e.source().equals(a.source()) ? DuplicateKind.KNOWN : DuplicateKind.EXACT,
            hex(e.id()),
            e.source());
      }
    }
    SentArticle sent = toSent(a, aliases);
    if (settings.nearDuplicates() && nearDuplicateCheck) {
      DedupIndex.Entry near =
          index.near(
              java.util.HexFormat.fromHexDigitsToLong(a.fingerprint()),
              sent.titleFingerprint(),
              sent.eventMillis(),
              settings.nearWindow().toMillis(),
              DedupIndex.IdKey.of(a.id()));
      if (near != null) {
        return new Verdict(DuplicateKind.NEAR, hex(near.id()), near.source());
      }
    }
    index.add(sent);
    return Verdict.NEW;
  }

  /** Kafka acknowledged the article at {@code partition}/{@code offset}. */
  public void confirm(NewsArticle a, List<String> aliases, int partition, long offset) {
    if (journal != null) {
      journal.append(toSent(a, aliases), partition, offset);
    }
  }

  /** The article could not be sent: forget the claim so it may come again. */
  public synchronized void release(NewsArticle a, List<String> aliases) {
    index.remove(toSent(a, aliases));
  }

  /** Forgets articles past retention (called now and then by the service). */
  public synchronized void expire() {
    index.expire(clock.millis() - settings.retention().toMillis());
  }

  private SentArticle toSent(NewsArticle a, List<String> aliases) {
    return new SentArticle(
        a.id(),
        aliases,
        a.fingerprint(),
        TitleFingerprint.of(a.title()),
        a.eventTime().toEpochMilli(),
        a.fetchedAt().toEpochMilli(),
        a.source());
  }

  private static List<String> concat(String id, List<String> aliases) {
    if (aliases.isEmpty()) {
      return List.of(id);
    }
    java.util.ArrayList<String> all = new java.util.ArrayList<>(aliases.size() + 1);
    all.add(id);
    all.addAll(aliases);
    return all;
  }

  private static String hex(DedupIndex.IdKey k) {
    return java.util.HexFormat.of().toHexDigits(k.hi())
        + java.util.HexFormat.of().toHexDigits(k.lo());
  }
}
