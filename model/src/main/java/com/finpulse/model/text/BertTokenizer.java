package com.finpulse.model.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encoder's WordPiece tokenizer (Hugging Face tokenizers through DJL) with the project's text
 * cleaning in front. Thread-safe. Text is cut to a character budget before tokenizing so that a
 * 100k-character input costs no more than a long headline.
 */
public final class BertTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;
  private final int maxChars;

  public BertTokenizer(byte[] tokenizerJson, int maxLength) {
    if (maxLength < 2) {
      throw new IllegalArgumentException("max length must be at least 2, got " + maxLength);
    }
    this.maxLength = maxLength;
    this.maxChars = maxLength * 24;
    try {
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(tokenizerJson),
              Map.of(
                  "maxLength", Integer.toString(maxLength),
                  "truncation", "true",
                  "padding", "false",
                  "addSpecialTokens", "true"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer.json", e);
    }
  }

  public int maxLength() {
    return maxLength;
  }

  public List<TokenizedText> tokenize(List<String> texts) {
    List<String> clean = new ArrayList<>(texts.size());
    for (String t : texts) {
      String n = TextNormalizer.normalize(t);
      clean.add(n.length() > maxChars ? n.substring(0, cutPoint(n, maxChars)) : n);
    }
    Encoding[] enc = tokenizer.batchEncode(clean);
    List<TokenizedText> out = new ArrayList<>(enc.length);
    for (Encoding e : enc) {
      out.add(truncated(e));
    }
    return out;
  }

  /**
   * Tokenizes (text, target) pairs for the entity task: {@code [CLS] marked text [SEP] target
   * [SEP]}, the target in the second segment (type id 1). Truncation shortens the longer segment
   * first, so the target survives a long text.
   */
  public List<TokenizedText> tokenizePairs(List<TargetedText> items, EntityInput input) {
    PairList<String, String> pairs = new PairList<>(items.size());
    for (TargetedText item : items) {
      EntityMarking.Marked m = EntityMarking.mark(item, maxLength * 4, input.marksMentions());
      String text = m.text();
      String target = m.target().length() > 200 ? m.target().substring(0, 200) : m.target();
      pairs.add(
          text.length() > maxChars ? text.substring(0, cutPoint(text, maxChars)) : text, target);
    }
    Encoding[] enc = tokenizer.batchEncode(pairs);
    List<TokenizedText> out = new ArrayList<>(enc.length);
    for (Encoding e : enc) {
      out.add(truncated(e));
    }
    return out;
  }

  private TokenizedText truncated(Encoding e) {
    long[] ids = e.getIds();
    long[] types = e.getTypeIds();
    if (ids.length > maxLength) { // defensive: a tokenizer.json with its own truncation off
      ids = java.util.Arrays.copyOf(ids, maxLength);
      types = java.util.Arrays.copyOf(types, maxLength);
    }
    return new TokenizedText(ids, types);
  }

  private static int cutPoint(String s, int at) {
    return Character.isLowSurrogate(s.charAt(at)) ? at - 1 : at;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
