package com.finpulse.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.weights.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoraMergeTest {

  @Test
  void mergedAndFusedForwardEqualsAdapterForward() {
    List<TokenizedText> tok;
    try (BertTokenizer t = new BertTokenizer(TinyModels.tokenizerJson(), 64)) {
      tok = t.tokenize(List.of("Acme beats estimates", "", "Oil slides as OPEC+ output rises 3%"));
    }
    LoraConfig lora = new LoraConfig(4, 8, LoraTarget.parse("q,k,v,o,ffn_in,ffn_out"), 0);
    float[] unmerged;
    float[] merged;
    try (BertEncoder enc = new BertEncoder(TinyModels.randomWeights(1), lora, Device.cpu(), 3)) {
      Random rnd = new Random(9);
      for (var e : List.copyOf(enc.adapters().entrySet())) {
        long[] bs = e.getValue().b().getShape().getShape();
        float[] b = new float[(int) (bs[0] * bs[1])];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        enc.overwriteAdapter(e.getKey(), BertEncoder.toTensor(e.getValue().a()), new Tensor(bs, b));
      }
      unmerged = run(enc, tok);
      enc.prepareForInference(DataType.FLOAT32);
      assertThat(enc.adapters()).isEmpty();
      merged = run(enc, tok);
    }
    float[] base;
    try (BertEncoder plain = new BertEncoder(TinyModels.randomWeights(1), null, Device.cpu(), 3)) {
      base = run(plain, tok);
    }
    double maxDiff = 0;
    double baseDiff = 0;
    int len = tok.stream().mapToInt(TokenizedText::length).max().orElseThrow();
    int hidden = merged.length / (tok.size() * len);
    // Real tokens only: what padding positions hold is unspecified.
    for (int s = 0; s < tok.size(); s++) {
      for (int i = s * len * hidden; i < (s * len + tok.get(s).length()) * hidden; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(merged[i] - unmerged[i]));
        baseDiff = Math.max(baseDiff, Math.abs(base[i] - unmerged[i]));
      }
    }
    assertThat(maxDiff).isLessThan(1e-5);
    assertThat(baseDiff).as("the adapters do change the output").isGreaterThan(1e-3);
  }

  private static float[] run(BertEncoder enc, List<TokenizedText> tok) {
    try (NDManager s = enc.manager().newSubManager()) {
      PaddedBatch b = PaddedBatch.of(tok, s);
      NDArray out = enc.forward(b.ids(), b.typeIds(), b.mask(), false);
      return out.toFloatArray();
    }
  }
}
