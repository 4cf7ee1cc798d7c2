package com.finpulse.ingest.dedup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the many spellings of one article URL into one: lower-case scheme and host, no default
 * port, no fragment, dot segments resolved, percent-encoding normalised, click-tracking parameters
 * removed ({@code utm_*}, {@code fbclid}, {@code gclid}, ...) and the remaining parameters sorted.
 *
 * <p>Two forms come out: the canonical URL (what the article record carries, still a working link)
 * and the identity (the canonical URL with {@code http} read as {@code https}), from which the
 * article id is made, so the http and https copies of a page are one article.
 */
public final class UrlCanonicalizer {

  /** Parameters that only say where a click came from. Names compare case-insensitively. */
  static final Set<String> TRACKING =
      Set.of(
          "fbclid",
          "gclid",
          "gclsrc",
          "dclid",
          "gbraid",
          "wbraid",
          "msclkid",
          "yclid",
          "twclid",
          "ttclid",
          "li_fat_id",
          "igshid",
          "mc_cid",
          "mc_eid",
          "_hsenc",
          "_hsmi",
          "mkt_tok",
          "vero_id",
          "oly_anon_id",
          "oly_enc_id",
          "rb_clickid",
          "s_cid",
          "ncid",
          "cmpid",
          "wprss",
          "xtor",
          "at_medium",
          "at_campaign",
          "at_custom1",
          "__twitter_impression",
          "sr_share",
          "smid",
          "ito");

  /** Tracking parameters of one site only (elsewhere the name may carry meaning). */
  static final Map<String, Set<String>> TRACKING_BY_HOST = Map.of("news.google.com", Set.of("oc"));

  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2})");

  /** The two forms of one URL. */
  public record Canonical(String url, String identity) {}

  private final Set<String> extraTracking;

  public UrlCanonicalizer(Collection<String> extraTrackingParameters) {
    this.extraTracking =
        extraTrackingParameters.stream()
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Empty when the text is not an absolute http(s) URL. */
  public Optional<Canonical> canonicalize(String url) {
    URI uri = parse(url.strip());
    if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port < 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    path = normalisePercent(removeDotSegments(path));
    String query = cleanQuery(uri.getRawQuery(), host);
    String rest =
        host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
    return Optional.of(new Canonical(scheme + "://" + rest, "https://" + rest));
  }

  private String cleanQuery(String rawQuery, String host) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    Set<String> hostTracking = TRACKING_BY_HOST.getOrDefault(host, Set.of());
    List<String[]> kept = new ArrayList<>();
    for (String pair : rawQuery.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq));
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("utm_")
          || TRACKING.contains(lower)
          || extraTracking.contains(lower)
          || hostTracking.contains(lower)) {
        continue;
      }
      kept.add(
          new String[] {
            normalisePercent(name), eq < 0 ? null : normalisePercent(pair.substring(eq + 1))
          });
    }
    kept.sort(
        Comparator.comparing((String[] p) -> p[0]).thenComparing(p -> p[1] == null ? "" : p[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : kept) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(p[0]);
      if (p[1] != null) {
        sb.append('=').append(p[1]);
      }
    }
    return sb.toString();
  }

  /** Upper-case hex, and unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) decoded. */
  static String normalisePercent(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    Matcher m = PERCENT.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int c = Integer.parseInt(m.group(1), 16);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              unreserved ? String.valueOf((char) c) : "%" + m.group(1).toUpperCase(Locale.ROOT)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** RFC 3986 §5.2.4. */
  static String removeDotSegments(String path) {
    if (!path.contains("./") && !path.endsWith("/.") && !path.endsWith("/..")) {
      return path;
    }
    List<String> out = new ArrayList<>();
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      boolean last = i == parts.length - 1;
      if (p.equals(".")) {
        if (last) {
          out.add("");
        }
      } else if (p.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        if (last) {
          out.add("");
        }
      } else {
        out.add(p);
      }
    }
    return "/" + String.join("/", out);
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      // Feeds carry URLs with spaces, pipes, braces or raw non-ASCII: encode those and retry.
      StringBuilder sb = new StringBuilder();
      for (char c : url.toCharArray()) {
        if (c == '#') {
          break;
        }
        if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
          for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
          }
        } else {
          sb.append(c);
        }
      }
      try {
        return new URI(sb.toString());
      } catch (URISyntaxException e2) {
        return null;
      }
    }
  }
}
