package com.finpulse.processor.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BufferedArticleSerdeTest {

  @Test
  void roundTripsWithAndWithoutKey() {
    BufferedArticleSerde serde = new BufferedArticleSerde();
    BufferedArticle a =
        new BufferedArticle(1234L, "news.raw-2@17", new byte[] {1, 2}, new byte[] {3});
    BufferedArticle b = new BufferedArticle(-1L, "news.raw-0@0", null, new byte[0]);
    BufferedArticle a2 = serde.deserialize("t", serde.serialize("t", a));
    BufferedArticle b2 = serde.deserialize("t", serde.serialize("t", b));
    assertThat(a2.timestamp()).isEqualTo(1234L);
    assertThat(a2.origin()).isEqualTo("news.raw-2@17");
    assertThat(a2.rawKey()).containsExactly(1, 2);
    assertThat(a2.rawValue()).containsExactly(3);
    assertThat(b2.rawKey()).isNull();
    assertThat(b2.rawValue()).isEmpty();
  }
}
