package com.finpulse.common.event;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * 64-bit SimHash of an article's title and lead, the one near-duplicate fingerprint of the project.
 *
 * <p>Syndicated copies of a story (same wire text on several sites, a headline re-tweeted with
 * another short link) differ in URLs, punctuation, case and a few words; their fingerprints then
 * differ in only a few bits. Ingest uses it to drop syndicated copies, the stream processor to
 * count a story once in the novelty-adjusted counts.
 */
public final class ContentFingerprint {

  /** Fingerprints at most this many bits apart are the same story. */
  public static final int NEAR_DUPLICATE_MAX_DISTANCE = 3;

  /** Words of the body, after the title, that take part. */
  static final int LEAD_WORDS = 40;

  private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}$]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private ContentFingerprint() {}

  /** Fingerprint of title and the first words of the body, as 16 lower-case hex characters. */
  public static String of(String title, @Nullable String body) {
    List<String> words = words(title);
    if (body != null) {
      List<String> lead = words(body);
      words.addAll(lead.subList(0, Math.min(LEAD_WORDS, lead.size())));
    }
    return HexFormat.of().toHexDigits(simHash(words));
  }

  /** Number of differing bits between two fingerprints in the {@link #of} format. */
  public static int distance(String a, String b) {
    return Long.bitCount(HexFormat.fromHexDigitsToLong(a) ^ HexFormat.fromHexDigitsToLong(b));
  }

  public static boolean nearDuplicates(String a, String b) {
    return distance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE;
  }

  /**
   * The fingerprint as the 64-bit value behind its hex form, for code that compares many of them
   * (the stream processor keeps thousands per trend window).
   *
   * @throws IllegalArgumentException when {@code fingerprint} is not 16 hex characters
   */
  public static long toLong(String fingerprint) {
    if (fingerprint.length() != 16) {
      throw new IllegalArgumentException(
          "a fingerprint is 16 hex characters, got '" + fingerprint + "'");
    }
    return HexFormat.fromHexDigitsToLong(fingerprint);
  }

  /** {@link #nearDuplicates(String, String)} on the {@link #toLong} form. */
  public static boolean nearDuplicates(long a, long b) {
    return Long.bitCount(a ^ b) <= NEAR_DUPLICATE_MAX_DISTANCE;
  }

  static List<String> words(String text) {
    String plain = URL.matcher(text).replaceAll(" ");
    plain = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFKD)).replaceAll("");
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(plain.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** SimHash over word bigrams (single words for one-word texts), weighted equally. */
  static long simHash(List<String> words) {
    int[] votes = new int[64];
    int features = 0;
    if (words.size() == 1) {
      features += vote(votes, words.get(0));
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      features += vote(votes, words.get(i) + ' ' + words.get(i + 1));
    }
    if (features == 0) {
      return 0L;
    }
    long hash = 0L;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        hash |= 1L << bit;
      }
    }
    return hash;
  }

  private static int vote(int[] votes, String feature) {
    long h = fnv1a64(feature);
    for (int bit = 0; bit < 64; bit++) {
      votes[bit] += ((h >>> bit) & 1L) == 1L ? 1 : -1;
    }
    return 1;
  }

  private static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    // FNV's low bits mix poorly for short inputs; a final avalanche spreads them over all 64 bits.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
