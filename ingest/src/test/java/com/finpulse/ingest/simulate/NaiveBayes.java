package com.finpulse.ingest.simulate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A multinomial naive Bayes text classifier (unigrams + bigrams, Laplace smoothing), trained in a
 * second on the shared labelled financial tweets. A stand-in judge for the simulator's headlines in
 * tests: if a bag-of-words model trained on real financial news reads a burst as negative energy
 * news, the fine-tuned transformer will too.
 */
final class NaiveBayes {

  private final Map<String, int[]> counts = new HashMap<>();
  private final int[] docs;
  private final long[] words;
  private final int classes;

  private NaiveBayes(int classes) {
    this.classes = classes;
    this.docs = new int[classes];
    this.words = new long[classes];
  }

  static NaiveBayes train(Path csv, int classes) throws IOException {
    NaiveBayes nb = new NaiveBayes(classes);
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> it =
        mapper
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv.toFile())) {
      while (it.hasNextValue()) {
        Map<String, String> row = it.nextValue();
        int label = Integer.parseInt(row.get("label").strip());
        nb.docs[label]++;
        for (String f : features(row.get("text"))) {
          nb.counts.computeIfAbsent(f, k -> new int[classes])[label]++;
          nb.words[label]++;
        }
      }
    }
    return nb;
  }

  static List<String> features(String text) {
    String clean =
        text.toLowerCase(Locale.ROOT)
            .replaceAll("https?://\\S+", " ")
            .replaceAll("[^a-z0-9$%&.' ]+", " ")
            .replaceAll("(?<![0-9])\\.|\\.(?![0-9])", " ");
    String[] tokens = clean.trim().split("\\s+");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].isEmpty()) {
        continue;
      }
      out.add(tokens[i]);
      if (i + 1 < tokens.length) {
        out.add(tokens[i] + " " + tokens[i + 1]);
      }
    }
    return out;
  }

  int predict(String text) {
    int vocabulary = counts.size();
    double best = Double.NEGATIVE_INFINITY;
    int arg = 0;
    List<String> fs = features(text);
    for (int c = 0; c < classes; c++) {
      // Uniform prior: the labelled sets are very unbalanced (44 IPO vs 3,545 company news), and
      // the question is which class the words point to.
      double score = 0;
      for (String f : fs) {
        int[] n = counts.get(f);
        if (n == null) {
          continue;
        }
        score += Math.log((n[c] + 1.0) / (words[c] + vocabulary));
      }
      if (score > best) {
        best = score;
        arg = c;
      }
    }
    return arg;
  }
}
