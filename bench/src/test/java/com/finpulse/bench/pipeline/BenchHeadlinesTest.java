package com.finpulse.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchHeadlinesTest {

  @Test
  void quotedFieldsKeepTheirCommasAndQuotes() {
    assertThat(BenchHeadlines.fields("a,\"b, \"\"c\"\"\",d")).containsExactly("a", "b, \"c\"", "d");
  }

  @Test
  void readsTheSharedBenzingaSample() throws Exception {
    var file = BenchHeadlines.defaultFile();
    assertThat(Files.isReadable(file))
        .describedAs(
            "the shared data must be at %s (set -Dfinpulse.shared.dir to the shared directory)",
            file)
        .isTrue();
    List<Headline> headlines = BenchHeadlines.read(file);
    assertThat(headlines).hasSize(9991);
    assertThat(headlines.get(0)).isEqualTo(new Headline("A", "Going Against the Herd"));
    assertThat(headlines)
        .anySatisfy(
            h ->
                assertThat(h.title())
                    .isEqualTo(
                        "Market Pulse Announces Its Hot Stock"
                            + " Alerts for Monday, July 27, 2009: CSEV, ACAD, CHINA, BRCM"));
  }
}
