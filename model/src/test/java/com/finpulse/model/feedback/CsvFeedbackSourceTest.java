package com.finpulse.model.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.model.data.DataException;
import com.finpulse.model.testing.FeedbackCsv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFeedbackSourceTest {

  private static final Instant T = Instant.parse("2026-12-04T09:30:00Z");

  @TempDir Path tmp;

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
    String tricky = "Oil major \"beats\" estimates,\nshares up";
    Path f =
        new FeedbackCsv()
            .row("a1", "sentiment", "", "positive", T, tricky)
            .row("a2", "topic", "", "Energy | Oil", T.plusSeconds(1), "Crude, again")
            .row("a3", "entity", "XOM", "negative", T.plusSeconds(2), "XOM slumps")
            .write(tmp.resolve("fb.csv"));

    FeedbackSource.Read read = new CsvFeedbackSource(f).read(quiet());

    assertThat(read.corrections()).hasSize(3);
    Correction first = read.corrections().get(0);
    assertThat(first.text()).isEqualTo(tricky);
    assertThat(first.feedback().task()).isEqualTo(LabelTask.SENTIMENT);
    assertThat(first.feedback().at()).isEqualTo(T);
    assertThat(first.feedback().note()).isNull();
    assertThat(first.origin()).endsWith("fb.csv:2");
    // The quoted line break moves the next row one line down.
    assertThat(read.corrections().get(1).origin()).endsWith("fb.csv:4");
    assertThat(read.corrections().get(1).feedback().label()).isEqualTo("Energy | Oil");
    assertThat(read.corrections().get(2).feedback().target()).isEqualTo("XOM");
    assertThat(read.sha256()).hasSize(64);
    assertThat(read.name()).isEqualTo("fb.csv");
  }

  @Test
  void theLatestCorrectionOfAnArticlesTaskWins() {
    Path f =
        new FeedbackCsv()
            .row("a1", "sentiment", "", "negative", T.plusSeconds(60), "Acme cuts jobs")
            .row("a1", "sentiment", "", "positive", T, "Acme cuts jobs")
            .row("a1", "topic", "", "Personnel Change", T, "Acme cuts jobs")
            .write(tmp.resolve("dup.csv"));

    List<Correction> read = new CsvFeedbackSource(f).read(quiet()).corrections();

    assertThat(read)
        .extracting(c -> c.feedback().task() + "=" + c.feedback().label())
        .containsExactly("SENTIMENT=negative", "TOPIC=Personnel Change");
  }

  @Test
  void everyBadRowIsNamedWithItsFileAndLine() {
    String text = "Acme beats";
    String hash = LabelFeedback.textHash(text);
    Path f =
        new FeedbackCsv()
            .row("ok", "sentiment", "", "positive", T, text)
            .raw("b1,mood,,positive,neutral,m," + hash + ",ana," + T + ",,Acme beats")
            .raw("b2,sentiment,,great,neutral,m," + hash + ",ana," + T + ",,Acme beats")
            .raw("b3,topic,,Dividend,neutral,m," + LabelFeedback.textHash("") + ",ana," + T + ",,")
            .raw("b4,sentiment,,positive,neutral,m," + hash + ",ana,yesterday,,Acme beats")
            .raw("b5,sentiment,,positive,neutral,m," + hash + ",ana," + T + ",,Acme misses")
            .raw("b6,entity,,positive,neutral,m," + hash + ",ana," + T + ",,Acme beats")
            .raw("b7,sentiment,,positive")
            .write(tmp.resolve("bad.csv"));

    assertThatThrownBy(() -> new CsvFeedbackSource(f).read(quiet()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("7 bad correction row(s)")
        .hasMessageContaining("bad.csv:3: unknown task 'mood'")
        .hasMessageContaining("bad.csv:4: label 'great' is not one of the sentiment labels")
        .hasMessageContaining("bad.csv:5: missing text")
        .hasMessageContaining("bad.csv:6: 'at' is not an ISO-8601 instant")
        .hasMessageContaining("bad.csv:7: the text does not match text_hash")
        .hasMessageContaining("bad.csv:8: an entity correction needs a target")
        .hasMessageContaining("bad.csv:9: row has 4 fields, header has 11")
        .message()
        .doesNotContain("bad.csv:2:");
  }

  @Test
  void anEmptyExportHasNoCorrectionsAndAMissingColumnIsNamed() throws Exception {
    Path empty = new FeedbackCsv().write(tmp.resolve("empty.csv"));
    assertThat(new CsvFeedbackSource(empty).read(quiet()).corrections()).isEmpty();

    Path noText = tmp.resolve("notext.csv");
    Files.writeString(
        noText, "article_id,task,target,label,model_label,model_id,text_hash,analyst,at,note\n");
    assertThatThrownBy(() -> new CsvFeedbackSource(noText).read(quiet()))
        .hasMessageContaining("notext.csv: no column 'text'");
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
