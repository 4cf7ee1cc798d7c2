package com.finpulse.model.text;

import static ai.djl.huggingface.tokenizers.jni.TokenizersLibrary.LIB;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The encoder's WordPiece tokenizer (Hugging Face tokenizers through DJL) with the project's text
 * cleaning in front. Thread-safe. Text is cut to a character budget before tokenizing so that a
 * 100k-character input costs no more than a long headline.
 *
 * <p>A large call is cut into chunks of {@value #CHUNK} texts that are cleaned and encoded on a
 * shared pool of daemon threads (one per core, at most {@value #MAX_THREADS}): reading each
 * encoding back through JNI costs more than the encoding itself, and on a GPU a single-threaded
 * tokenizer was 80% of {@code classify}'s time (9,991 headlines: 0.57 s of tokenizing for 0.14 s of
 * GPU).
 */
public final class BertTokenizer implements AutoCloseable {

  static final int CHUNK = 512;
  static final int MAX_THREADS = 16;

  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
          r -> {
            Thread t = new Thread(r, "tokenizer");
            t.setDaemon(true);
            return t;
          });

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
    return chunked(texts.size(), (from, to) -> encode(texts.subList(from, to)));
  }

  private List<TokenizedText> encode(List<String> texts) {
    List<String> clean = new ArrayList<>(texts.size());
    for (String t : texts) {
      String n = TextNormalizer.normalize(t);
      clean.add(n.length() > maxChars ? n.substring(0, cutPoint(n, maxChars)) : n);
    }
    return collect(LIB.batchEncode(tokenizer.getHandle(), clean.toArray(String[]::new), true));
  }

  /**
   * Tokenizes (text, target) pairs for the entity task: {@code [CLS] marked text [SEP] target
   * [SEP]}, the target in the second segment (type id 1). Truncation shortens the longer segment
   * first, so the target survives a long text.
   */
  public List<TokenizedText> tokenizePairs(List<TargetedText> items, EntityInput input) {
    return chunked(items.size(), (from, to) -> encodePairs(items.subList(from, to), input));
  }

  private List<TokenizedText> encodePairs(List<TargetedText> items, EntityInput input) {
    String[] texts = new String[items.size()];
    String[] targets = new String[items.size()];
    for (int i = 0; i < texts.length; i++) {
      EntityMarking.Marked m =
          EntityMarking.mark(items.get(i), maxLength * 4, input.marksMentions());
      String text = m.text();
      texts[i] = text.length() > maxChars ? text.substring(0, cutPoint(text, maxChars)) : text;
      targets[i] = m.target().length() > 200 ? m.target().substring(0, 200) : m.target();
    }
    return collect(LIB.batchEncodePair(tokenizer.getHandle(), texts, targets, true));
  }

  /**
   * Reads the ids and type ids of native encodings and frees them. DJL's own {@code Encoding} also
   * copies the tokens as strings, their character spans, word ids and masks (ten JNI calls per
   * text, which cost more than the encoding itself); this needs two.
   */
  private List<TokenizedText> collect(long[] handles) {
    List<TokenizedText> out = new ArrayList<>(handles.length);
    int i = 0;
    try {
      for (; i < handles.length; i++) {
        long[] ids = LIB.getTokenIds(handles[i]);
        long[] types = LIB.getTypeIds(handles[i]);
        LIB.deleteEncoding(handles[i]);
        out.add(truncated(ids, types));
      }
    } finally {
      for (int j = i + 1; j < handles.length; j++) { // only if reading one failed
        LIB.deleteEncoding(handles[j]);
      }
    }
    return out;
  }

  /** Runs {@code encode} over [0, n) in chunks, all but the first on the pool; input order. */
  private static List<TokenizedText> chunked(int n, ChunkEncoder encode) {
    if (n <= CHUNK) {
      return encode.range(0, n);
    }
    List<CompletableFuture<List<TokenizedText>>> rest = new ArrayList<>();
    for (int from = CHUNK; from < n; from += CHUNK) {
      int f = from;
      int to = Math.min(n, from + CHUNK);
      rest.add(CompletableFuture.supplyAsync(() -> encode.range(f, to), POOL));
    }
    List<TokenizedText> out = new ArrayList<>(n);
    try {
      out.addAll(encode.range(0, CHUNK));
      for (CompletableFuture<List<TokenizedText>> c : rest) {
        out.addAll(c.join());
      }
    } catch (CompletionException e) {
      rest.forEach(c -> c.cancel(false));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    return out;
  }

  @FunctionalInterface
  private interface ChunkEncoder {
    List<TokenizedText> range(int from, int to);
  }

  private TokenizedText truncated(long[] ids, long[] types) {
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
