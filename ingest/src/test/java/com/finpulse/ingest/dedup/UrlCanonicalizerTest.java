package com.finpulse.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCanonicalizerTest {

  final UrlCanonicalizer urls = new UrlCanonicalizer(List.of("src"));

  String canonical(String url) {
    return urls.canonicalize(url).orElseThrow().url();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTPS://WWW.Example.COM/News/Story | https://www.example.com/News/Story",
        "https://example.com:443/a | https://example.com/a",
        "http://example.com:80/a | http://example.com/a",
        "http://example.com:8080/a | http://example.com:8080/a",
        "https://example.com | https://example.com/",
        "https://example.com/a/./b/../c | https://example.com/a/c",
        "https://example.com/a#section-2 | https://example.com/a",
        "https://example.com/a?utm_source=rss&utm_medium=feed&id=7 | https://example.com/a?id=7",
        "https://example.com/a?fbclid=XYZ&gclid=1&msclkid=2&mc_cid=3 | https://example.com/a",
        "https://example.com/a?b=2&a=1 | https://example.com/a?a=1&b=2",
        "https://example.com/a?UTM_Campaign=x&page=2 | https://example.com/a?page=2",
        "https://example.com/a?src=twitter&q=oil | https://example.com/a?q=oil",
        "https://example.com/%7euser/%41%2f | https://example.com/~user/A%2F",
        "https://example.com./a | https://example.com/a",
        "https://news.google.com/rss/articles/CBMi?oc=5 | https://news.google.com/rss/articles/CBMi",
        "https://other.example/a?oc=5 | https://other.example/a?oc=5",
        "http://www.washingtonpost.com/x_story.html?wprss=rss_wellness | http://www.washingtonpost.com/x_story.html",
        "https://example.com/a b{c} | https://example.com/a%20b%7Bc%7D",
      })
  void normalises(String in, String out) {
    assertThat(canonical(in)).isEqualTo(out);
  }

  @Test
  void httpAndHttpsShareTheIdentity() {
    var http = urls.canonicalize("http://Example.com/a?utm_source=x").orElseThrow();
    var https = urls.canonicalize("https://example.com/a").orElseThrow();
    assertThat(http.url()).isEqualTo("http://example.com/a");
    assertThat(http.identity()).isEqualTo(https.identity()).isEqualTo("https://example.com/a");
  }

  @Test
  void notHttp() {
    assertThat(urls.canonicalize("mailto:x@example.com")).isEmpty();
    assertThat(urls.canonicalize("/relative/path")).isEmpty();
    assertThat(urls.canonicalize("ftp://example.com/file")).isEmpty();
  }
}
