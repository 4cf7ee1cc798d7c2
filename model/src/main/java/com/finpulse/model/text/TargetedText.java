package com.finpulse.model.text;

import java.util.List;
import java.util.Objects;

/**
 * A text and the company it is asked about: {@code names} are the ways the text may name it (a
 * ticker, a company name, ...), the first one being the name the model is told. Blank or missing
 * names are allowed; the model then reads the text without a marked target.
 */
public record TargetedText(String text, List<String> names) {

  public TargetedText {
    text = text == null ? "" : text;
    names = names == null ? List.of() : names.stream().filter(Objects::nonNull).toList();
  }

  public static TargetedText of(String text, String... names) {
    return new TargetedText(text, List.of(names));
  }

  /** The name put in the second segment of the model's input. */
  public String primaryName() {
    return names.isEmpty() ? "" : names.get(0);
  }
}
