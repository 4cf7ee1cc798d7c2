package com.finpulse.model.train;

import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.EntityInput;
import com.finpulse.model.text.TargetedText;
import com.finpulse.model.text.TokenizedText;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Labelled rows of each task as the network reads them: text, or text and target. */
public final class TaskTexts {

  private TaskTexts() {}

  public static Map<Task, List<TokenizedText>> tokenize(
      BertTokenizer tok, Map<Task, List<LabeledText>> data, EntityInput entityInput) {
    Map<Task, List<TokenizedText>> out = new EnumMap<>(Task.class);
    data.forEach((t, xs) -> out.put(t, tokenize(tok, t, xs, entityInput)));
    return out;
  }

  private static List<TokenizedText> tokenize(
      BertTokenizer tok, Task t, List<LabeledText> xs, EntityInput entityInput) {
    if (xs.isEmpty()) {
      return List.of();
    }
    return t.targeted()
        ? tok.tokenizePairs(
            xs.stream().map(x -> new TargetedText(x.text(), List.of(x.target()))).toList(),
            entityInput)
        : tok.tokenize(xs.stream().map(LabeledText::text).toList());
  }
}
