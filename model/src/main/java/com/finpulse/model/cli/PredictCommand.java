package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.serve.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./finpulse model predict}. */
final class PredictCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model predict [--model DIR] [TEXT ...]
        Prints one JSON line per text: sentiment label, score p(positive) - p(negative) and
        probabilities, topic and topic probabilities. Without TEXT, reads one text per line on stdin.
      """;

  private final InputStream stdin;

  PredictCommand() {
    this(System.in);
  }

  PredictCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
    CliArgs a = CliArgs.parse(argv, List.of("help"));
    if (a.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    var model = ModelDirs.resolve(a.path("model"));
    List<String> texts = a.positional();
    a.rejectUnknown();
    try (Classifier c = Classifiers.load(model, ClassifierOptions.defaults())) {
      if (!texts.isEmpty()) {
        emit(c, texts, out);
        return 0;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      List<String> chunk = new ArrayList<>();
      for (String line; (line = in.readLine()) != null; ) {
        chunk.add(line);
        if (chunk.size() == 256) {
          emit(c, chunk, out);
          chunk.clear();
        }
      }
      emit(c, chunk, out);
    }
    return 0;
  }

  private static void emit(Classifier c, List<String> texts, PrintStream out) {
    if (texts.isEmpty()) {
      return;
    }
    List<Prediction> preds = c.classify(texts);
    for (int i = 0; i < texts.size(); i++) {
      out.println(ModelJson.line(json(texts.get(i), preds.get(i))));
    }
    out.flush();
  }

  static Map<String, Object> json(String text, Prediction p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("sentiment", p.sentiment().label());
    m.put("sentiment_score", round(p.sentimentScore()));
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put("negative", round(p.sentimentScores().negative()));
    sp.put("neutral", round(p.sentimentScores().neutral()));
    sp.put("positive", round(p.sentimentScores().positive()));
    m.put("sentiment_probabilities", sp);
    m.put("topic", p.topic());
    m.put("topic_confidence", round(p.topicConfidence()));
    Map<String, Object> tp = new LinkedHashMap<>();
    p.topicProbabilities().entrySet().stream()
        .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
        .forEach(e -> tp.put(e.getKey(), round(e.getValue())));
    m.put("topic_probabilities", tp);
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
