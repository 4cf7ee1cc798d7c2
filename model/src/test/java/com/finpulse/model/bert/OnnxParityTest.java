package com.finpulse.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.finpulse.model.testing.SharedData;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.weights.BaseEncoder;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DJL forward equals ONNX Runtime on the same export, within 1e-4, on real tweets. */
class OnnxParityTest {

  @ParameterizedTest
  @EnumSource(
      value = BaseEncoder.class,
      names = {"MINILM", "BGE_SMALL"})
  void lastHiddenStateMatchesOnnxRuntime(BaseEncoder base) throws Exception {
    LoadedEncoder enc = EncoderLoader.load(base);
    assertThat(enc.weights().size()).isEqualTo(base == BaseEncoder.MINILM ? 101 : 197);
    List<String> texts = SharedData.tweets(12);
    List<TokenizedText> tok;
    try (BertTokenizer t = new BertTokenizer(enc.tokenizerJson(), 128)) {
      tok = t.tokenize(texts);
    }
    // A padded batch, and one text alone: no padding, and a token count that the inference
    // forward rounds up to its row step with filler rows.
    TokenizedText offStep = tok.stream().filter(t -> t.length() % 8 != 0).findFirst().orElseThrow();
    for (List<TokenizedText> batch : List.of(tok, List.of(offStep))) {
      float[][][] expected = onnx(base, batch);
      for (boolean prepared : new boolean[] {false, true}) {
        try (BertEncoder bert = new BertEncoder(enc.weights(), null, Device.cpu(), 0);
            NDManager scope = bert.manager().newSubManager()) {
          if (prepared) {
            bert.prepareForInference(DataType.FLOAT32);
          }
          PaddedBatch b = PaddedBatch.of(batch, scope);
          NDArray out = bert.forward(b.ids(), b.typeIds(), b.mask(), false);
          double maxDiff = maxDiffOnRealTokens(out, batch, expected);
          assertThat(maxDiff)
              .as("%s prepared=%s batch of %d max abs diff", base, prepared, batch.size())
              .isLessThanOrEqualTo(1e-4);
        }
      }
    }
  }

  static double maxDiffOnRealTokens(NDArray out, List<TokenizedText> batch, float[][][] expected) {
    float[] got = out.toFloatArray();
    int len = (int) out.getShape().get(1);
    int h = (int) out.getShape().get(2);
    double maxDiff = 0;
    for (int i = 0; i < batch.size(); i++) {
      for (int j = 0; j < batch.get(i).length(); j++) {
        for (int k = 0; k < h; k++) {
          maxDiff = Math.max(maxDiff, Math.abs(got[(i * len + j) * h + k] - expected[i][j][k]));
        }
      }
    }
    return maxDiff;
  }

  static float[][][] onnx(BaseEncoder base, List<TokenizedText> tok) throws Exception {
    int b = tok.size();
    int t = tok.stream().mapToInt(TokenizedText::length).max().orElse(1);
    long[][] ids = new long[b][t];
    long[][] mask = new long[b][t];
    long[][] types = new long[b][t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < tok.get(i).length(); j++) {
        ids[i][j] = tok.get(i).ids()[j];
        mask[i][j] = 1;
      }
    }
    byte[] model;
    try (InputStream in =
        OnnxParityTest.class.getClassLoader().getResourceAsStream(base.onnxResource())) {
      model = in.readAllBytes();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor a = OnnxTensor.createTensor(env, ids);
        OnnxTensor m = OnnxTensor.createTensor(env, mask);
        OnnxTensor ty = OnnxTensor.createTensor(env, types);
        OrtSession.Result r =
            s.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", ty))) {
      return (float[][][]) r.get(0).getValue();
    }
  }
}
