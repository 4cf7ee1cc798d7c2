package com.finpulse.model.data;

import com.finpulse.model.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weakly labelled sentences in the register of company press releases and interim reports (results,
 * orders, contracts, lay-offs, guidance), generated from the templates in {@value #RESOURCE}. Their
 * label follows from what the sentence says about the company's business, from an investor's view:
 * figures up, a loss narrowed or an order won are positive; the opposite is negative; descriptions,
 * schedules and amounts without a direction are neutral. Neither tweets nor wire paragraphs teach
 * that register. All company names are invented. The same count and seed give the same sentences.
 */
public final class RegisterSentences {

  public static final String RESOURCE = "register-sentences.txt";

  private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+[23]?)}");
  private static final Pattern CHOICE = Pattern.compile("\\[([^\\[\\]]*)]");
  private static final List<String> QUARTERS =
      List.of("the first quarter", "the second quarter", "the third quarter", "the fourth quarter");

  /** One template: its label (a sentiment index) and its text. */
  record Template(int label, String text, int line) {}

  private final Map<String, List<String>> slots;
  private final Map<Integer, List<Template>> byLabel;
  private final String sha256;

  RegisterSentences(String source, String name) {
    Map<String, List<String>> slotMap = new LinkedHashMap<>();
    Map<Integer, List<Template>> templates = new LinkedHashMap<>();
    List<String> labels = Task.SENTIMENT.defaultLabels();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("slot ")) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw new DataException(name + ":" + (i + 1) + ": a slot needs 'slot NAME = a | b'");
        }
        List<String> values = new ArrayList<>();
        for (String v : line.substring(eq + 1).split("\\|")) {
          if (!v.isBlank()) {
            values.add(v.strip());
          }
        }
        slotMap.put(line.substring(5, eq).strip(), List.copyOf(values));
        continue;
      }
      int tab = lines[i].indexOf('\t');
      int label = tab < 0 ? -1 : labels.indexOf(lines[i].substring(0, tab).strip());
      if (label < 0) {
        throw new DataException(
            name + ":" + (i + 1) + ": expected 'LABEL<TAB>template' with LABEL one of " + labels);
      }
      templates
          .computeIfAbsent(label, k -> new ArrayList<>())
          .add(new Template(label, lines[i].substring(tab + 1).strip(), i + 1));
    }
    this.slots = Map.copyOf(slotMap);
    Map<Integer, List<Template>> frozen = new LinkedHashMap<>();
    templates.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.byLabel = frozen;
    for (List<Template> ts : byLabel.values()) {
      for (Template t : ts) {
        Matcher m = SLOT.matcher(t.text());
        while (m.find()) {
          if (!NUMBERS.contains(m.group(1)) && !slots.containsKey(slotName(m.group(1)))) {
            throw new DataException(
                name + ":" + t.line() + ": unknown slot {" + m.group(1) + "} in a template");
          }
        }
      }
    }
    if (byLabel.size() != labels.size()) {
      throw new DataException(name + ": needs templates for every label of " + labels);
    }
    this.sha256 = sha256(source);
  }

  private static final List<String> NUMBERS =
      List.of("hi", "lo", "pct", "mhi", "mlo", "n", "n2", "n3", "year", "prev_year", "q", "day");

  /** {@code company2} is a second draw of {@code company}, different from the first if it can. */
  private static String slotName(String name) {
    return name.endsWith("2") ? name.substring(0, name.length() - 1) : name;
  }

  /** The templates shipped in the jar. */
  public static RegisterSentences standard() {
    try (InputStream in = RegisterSentences.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new RegisterSentences(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** sha256 of the template file, recorded with a model trained on its sentences. */
  public String sha256() {
    return sha256;
  }

  /**
   * {@code count} sentences, labels drawn 40% neutral, 30% positive, 30% negative, templates
   * uniformly within a label. Duplicates are skipped, so the count is met with distinct texts
   * unless the templates cannot make that many.
   */
  public List<LabeledText> generate(int count, long seed) {
    Random rnd = new Random(seed ^ 0x7e91573eL);
    Map<String, Boolean> seen = new LinkedHashMap<>();
    List<LabeledText> out = new ArrayList<>(count);
    int[] labelOf = {1, 1, 1, 1, 2, 2, 2, 0, 0, 0}; // neutral 4, positive 3, negative 3 of 10
    for (int tries = 0; out.size() < count && tries < count * 20; tries++) {
      int label = labelOf[rnd.nextInt(labelOf.length)];
      List<Template> ts = byLabel.get(label);
      String text = fill(ts.get(rnd.nextInt(ts.size())).text(), rnd);
      if (seen.putIfAbsent(text, Boolean.TRUE) == null) {
        out.add(new LabeledText(text, Task.SENTIMENT, label, null, "register"));
      }
    }
    return out;
  }

  String fill(String template, Random rnd) {
    double hi = amount(rnd);
    double lo = Math.round(hi * (0.35 + 0.6 * rnd.nextDouble()) * 10) / 10.0;
    if (lo >= hi) {
      lo = Math.max(0.1, hi - 0.1);
    }
    int year = 2005 + rnd.nextInt(18);
    int n3 = 10 + rnd.nextInt(80);
    Map<String, String> numbers = new LinkedHashMap<>();
    numbers.put("hi", number(hi));
    numbers.put("lo", number(lo));
    numbers.put("pct", number(0.5 + Math.round(rnd.nextDouble() * 595) / 10.0));
    double marginHi = 1 + Math.round(rnd.nextDouble() * 240) / 10.0;
    numbers.put("mhi", number(marginHi));
    numbers.put("mlo", number(Math.max(0.1, Math.round(marginHi * rnd.nextDouble() * 9) / 10.0)));
    numbers.put("n", String.format(Locale.ROOT, "%,d", 10 + rnd.nextInt(2400)));
    numbers.put("n2", Integer.toString(n3 + 1 + rnd.nextInt(99 - n3)));
    numbers.put("n3", Integer.toString(n3));
    numbers.put("year", Integer.toString(year));
    numbers.put("prev_year", Integer.toString(year - 1));
    numbers.put("q", QUARTERS.get(rnd.nextInt(QUARTERS.size())));
    numbers.put("day", Integer.toString(1 + rnd.nextInt(28)));
    // Choices first (they may contain slots), innermost last: the pattern has no nested brackets.
    String s = template;
    for (Matcher m = CHOICE.matcher(s); m.find(); m = CHOICE.matcher(s)) {
      String[] options = m.group(1).split("\\|", -1);
      s = s.substring(0, m.start()) + options[rnd.nextInt(options.length)] + s.substring(m.end());
    }
    Map<String, String> drawn = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    Matcher m = SLOT.matcher(s);
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (numbers.containsKey(name)) {
        value = numbers.get(name);
      } else {
        boolean second = !slotName(name).equals(name);
        name = slotName(name);
        List<String> values = slots.get(name);
        String first = drawn.get(name);
        if (!second && first != null) {
          value = first;
        } else {
          value = values.get(rnd.nextInt(values.size()));
          for (int i = 0; second && value.equals(first) && i < 8; i++) {
            value = values.get(rnd.nextInt(values.size()));
          }
          if (!second) {
            drawn.put(name, value);
          }
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    String text = sb.toString();
    if (rnd.nextBoolean()) { // half in ordinary typography, half in the register's spaced one
      text = text.replace(" , ", ", ").replace(" ;", ";").replace(" 's", "'s").replace(" .", ".");
      text = text.replace(" %", "%").replace(" ' ", "' ");
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  private static double amount(Random rnd) {
    double magnitude = Math.pow(10, -0.3 + rnd.nextDouble() * 3.2); // 0.5 .. 800
    return Math.max(0.6, Math.round(magnitude * 10) / 10.0);
  }

  private static String number(double v) {
    return v == Math.rint(v) && v >= 10
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
