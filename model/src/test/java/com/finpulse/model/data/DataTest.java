package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.model.task.Task;
import com.finpulse.model.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

  @TempDir Path tmp;

  @Test
  void csvHandlesQuotesCrlfAndEmbeddedNewlines() throws Exception {
    Path f = tmp.resolve("a.csv");
    Files.writeString(
        f, "\uFEFFtext,label\r\n\"He said \"\"buy\"\"\",2\r\n\"two\nlines\",0\r\nplain,1");
    CsvTable t = CsvTable.read(f);
    assertThat(t.header()).containsExactly("text", "label");
    assertThat(t.rows())
        .containsExactly(
            List.of("He said \"buy\"", "2"), List.of("two\nlines", "0"), List.of("plain", "1"));
    assertThatThrownBy(() -> t.column("nope"))
        .hasMessageContaining("no column 'nope'")
        .hasMessageContaining("[text, label]");
  }

  @Test
  void labelMapsTranslateIdsAndRejectUnknownValues() throws Exception {
    Path f = tmp.resolve("s.csv");
    Files.writeString(f, "text,label\nup,1\ndown,0\nflat,2\nodd,7\n");
    LabelMap m = LabelMap.parse("0=negative,1=positive,2=neutral", Task.SENTIMENT.defaultLabels());
    assertThat(m.index("1")).isEqualTo(2);
    assertThat(m.index("2")).isEqualTo(1);
    assertThatThrownBy(() -> LabeledCsv.read(f, Task.SENTIMENT, "text", "label", null, t -> m))
        .hasMessageContaining("s.csv:5")
        .hasMessageContaining("'7'");
    LabelMap topics = LabelMap.parse("0=M&A | Investments,1=IPO", Task.TOPIC.defaultLabels());
    assertThat(topics.index("0")).isEqualTo(13);
    assertThat(LabelMap.namesOrIndices(Task.SENTIMENT.defaultLabels()).index("Positive"))
        .isEqualTo(2);
    assertThat(LabelMap.namesOrIndices(Task.SENTIMENT.defaultLabels()).index("0")).isEqualTo(0);
  }

  @Test
  void nearDuplicatesLandOnTheSameSide() {
    List<LabeledText> xs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      xs.add(
          new LabeledText("Headline number " + i + " https://t.co/abc" + i, Task.SENTIMENT, i % 3));
      xs.add(
          new LabeledText("headline   NUMBER " + i + " https://t.co/zzz", Task.SENTIMENT, i % 3));
    }
    DevSplit s = DevSplit.of(xs, 0.2, 42);
    assertThat(s.dev().size()).isBetween(120, 280);
    assertThat(s.dev().size() % 2).isZero();
    for (LabeledText d : s.dev()) {
      String key = TextNormalizer.nearDuplicateKey(d.text());
      assertThat(s.train()).noneMatch(t -> TextNormalizer.nearDuplicateKey(t.text()).equals(key));
    }
  }

  @Test
  void normalizerStripsUrlsEntitiesAndControlCharacters() {
    assertThat(TextNormalizer.normalize("AT&amp;T up 3% https://t.co/xyz\u0000\u200b now"))
        .isEqualTo("AT&T up 3% now");
    assertThat(TextNormalizer.normalize("&amp;lt;")).isEqualTo("&lt;");
    assertThat(TextNormalizer.normalize("bad \uD800 surrogate")).isEqualTo("bad \uFFFD surrogate");
    assertThat(TextNormalizer.normalize(null)).isEmpty();
    assertThat(TextNormalizer.nearDuplicateKey("Fed  Holds https://t.co/a")).isEqualTo("fedholds");
  }
}
