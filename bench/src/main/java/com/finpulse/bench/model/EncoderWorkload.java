package com.finpulse.bench.model;

import com.finpulse.model.bert.BertConfig;
import com.finpulse.model.text.TokenizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The same length-sorted, padded batches for every engine, and their FLOP count. */
record EncoderWorkload(
    List<List<TokenizedText>> batches, long sentences, long realTokens, double flops) {

  static EncoderWorkload of(List<TokenizedText> texts, int batchSize, BertConfig c) {
    List<TokenizedText> sorted = new ArrayList<>(texts);
    sorted.sort(Comparator.comparingInt(TokenizedText::length));
    List<List<TokenizedText>> batches = new ArrayList<>();
    long tokens = 0;
    double flops = 0;
    for (int i = 0; i < sorted.size(); i += batchSize) {
      List<TokenizedText> b = sorted.subList(i, Math.min(sorted.size(), i + batchSize));
      batches.add(b);
      int t = b.get(b.size() - 1).length();
      for (TokenizedText x : b) {
        tokens += x.length();
      }
      flops += flops(c, b.size(), t);
    }
    return new EncoderWorkload(batches, sorted.size(), tokens, flops);
  }

  /** Multiply-adds x 2 of the encoder on a padded [b, t] batch (what both engines compute). */
  static double flops(BertConfig c, int b, int t) {
    double h = c.hiddenSize();
    double i = c.intermediateSize();
    double perToken = 2 * (4 * h * h + 2 * h * i) + 2 * 2 * t * h;
    return b * t * perToken * c.numLayers();
  }
}
