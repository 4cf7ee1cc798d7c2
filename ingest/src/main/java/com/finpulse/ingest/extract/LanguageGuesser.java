package com.finpulse.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cheap language guess from text: the writing system for scripts that nearly identify a language
 * (kana, Hangul, Han, Thai, Greek, Hebrew, Arabic, Devanagari), otherwise the language whose most
 * frequent function words cover the most tokens. Good enough to label a news article, not a general
 * identifier; returns null when no language wins clearly.
 */
final class LanguageGuesser {

  private static final Map<String, Set<String>> STOPWORDS =
      Map.ofEntries(
          Map.entry(
              "en",
              Set.of(
                  "the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "was", "on",
                  "as", "are", "be", "this", "by", "have", "from", "at", "not", "but", "has",
                  "they", "which", "he", "she", "said", "were", "an", "or", "their", "its", "will",
                  "would", "been", "who")),
          Map.entry(
              "de",
              Set.of(
                  "der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit",
                  "sich", "des", "auf", "für", "im", "dem", "auch", "es", "an", "als", "wird",
                  "von", "sie", "bei", "nach", "wie", "noch", "einer", "werden")),
          Map.entry(
              "fr",
              Set.of(
                  "le", "la", "les", "et", "des", "du", "un", "une", "est", "que", "qui", "dans",
                  "pour", "pas", "sur", "au", "il", "elle", "ce", "avec", "sont", "plus", "par",
                  "mais", "ont", "aux", "cette", "leur", "été")),
          Map.entry(
              "es",
              Set.of(
                  "el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "es", "por", "con",
                  "para", "del", "se", "no", "al", "lo", "como", "más", "pero", "sus", "fue", "ha",
                  "este", "esta", "también")),
          Map.entry(
              "pt",
              Set.of(
                  "o", "a", "os", "as", "e", "de", "do", "da", "dos", "das", "que", "em", "um",
                  "uma", "para", "com", "não", "no", "na", "por", "se", "mais", "foi", "ao", "pelo",
                  "pela", "são", "também")),
          Map.entry(
              "it",
              Set.of(
                  "il", "lo", "la", "gli", "le", "e", "di", "che", "un", "una", "per", "non", "con",
                  "del", "della", "dei", "nel", "nella", "sono", "è", "si", "anche", "ha", "alla",
                  "al", "più", "questo")),
          Map.entry(
              "nl",
              Set.of(
                  "de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "niet", "zijn",
                  "voor", "met", "die", "ook", "aan", "er", "maar", "om", "wordt", "bij", "naar")),
          Map.entry(
              "cs",
              Set.of(
                  "a", "je", "se", "na", "v", "že", "to", "s", "z", "do", "ve", "o", "jako", "ale",
                  "by", "k", "pro", "který", "které", "jsou", "byl", "však", "také")),
          Map.entry(
              "pl",
              Set.of(
                  "i", "w", "na", "z", "się", "nie", "do", "to", "że", "jest", "o", "jak", "ale",
                  "po", "co", "od", "za", "przez", "jego", "oraz", "czy", "być", "już")),
          Map.entry(
              "sv",
              Set.of(
                  "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till",
                  "den", "har", "inte", "om", "ett", "var", "men", "jag", "från", "eller")),
          Map.entry(
              "id",
              Set.of(
                  "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak",
                  "akan", "pada", "juga", "ke", "ada", "oleh", "karena", "bisa", "telah", "atau")),
          Map.entry(
              "tr",
              Set.of(
                  "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi",
                  "olan", "ama", "en", "kadar", "sonra", "değil", "her")),
          Map.entry(
              "ru",
              Set.of(
                  "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "к", "но", "из", "у",
                  "за", "от", "о", "так", "для", "его", "все", "она", "был", "уже", "года")),
          Map.entry(
              "uk",
              Set.of(
                  "і", "в", "не", "на", "що", "з", "та", "як", "це", "до", "у", "за", "від", "для",
                  "його", "але", "й", "вже", "року", "він", "було")));

  /** The same lists, inverted: word to the languages it is a function word of. */
  private static final Map<String, List<String>> LANGUAGES_BY_WORD = invert(STOPWORDS);

  private static final int MAX_CHARS = 20_000;

  private LanguageGuesser() {}

  private static Map<String, List<String>> invert(Map<String, Set<String>> byLanguage) {
    Map<String, List<String>> out = new HashMap<>();
    for (var e : byLanguage.entrySet()) {
      for (String w : e.getValue()) {
        out.computeIfAbsent(w, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    out.values().forEach(Collections::sort);
    return Map.copyOf(out);
  }

  static @Nullable String guess(String text) {
    if (text.isBlank()) {
      return null;
    }
    String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String byScript = byScript(sample);
    if (byScript != null) {
      return byScript;
    }
    return byStopwords(sample);
  }

  /** The language a script implies, when more than a third of the letters are in it. */
  static @Nullable String byScript(String s) {
    int letters = 0;
    int kana = 0;
    int han = 0;
    int hangul = 0;
    Map<Character.UnicodeScript, Integer> other = new HashMap<>();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      switch (script) {
        case HIRAGANA, KATAKANA -> kana++;
        case HAN -> han++;
        case HANGUL -> hangul++;
        case LATIN, CYRILLIC -> {}
        default -> other.merge(script, 1, Integer::sum);
      }
    }
    if (letters == 0) {
      return null;
    }
    if (kana * 10 > letters) {
      return "ja";
    }
    if (hangul * 3 > letters) {
      return "ko";
    }
    if (han * 3 > letters) {
      return "zh";
    }
    for (var e : other.entrySet()) {
      if (e.getValue() * 3 > letters) {
        return switch (e.getKey()) {
          case GREEK -> "el";
          case HEBREW -> "he";
          case ARABIC -> "ar";
          case DEVANAGARI -> "hi";
          case THAI -> "th";
          case BENGALI -> "bn";
          case TAMIL -> "ta";
          case GEORGIAN -> "ka";
          case ARMENIAN -> "hy";
          default -> null;
        };
      }
    }
    return null;
  }

  /**
   * A guess strong enough to overrule a page's declared language (a site-wide {@code lang="de"}
   * template around an English article): at least 50 words, and the winning language's function
   * words at least twice as frequent as the runner-up's.
   */
  static @Nullable String overrulingGuess(String text) {
    String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String script = byScript(sample);
    if (script != null) {
      return script;
    }
    return byStopwords(sample, 50, 20);
  }

  private static @Nullable String byStopwords(String s) {
    return byStopwords(s, 5, 13);
  }

  /**
   * @param minTokens fewest words worth a guess
   * @param marginTenths how many tenths of the runner-up's hits the winner needs (13 = 1.3x)
   */
  private static @Nullable String byStopwords(String s, int minTokens, int marginTenths) {
    Map<String, Integer> hits = new HashMap<>();
    int tokens = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ' ';
      if (Character.isLetter(c)) {
        word.append(Character.toLowerCase(c));
        continue;
      }
      if (word.length() > 0) {
        tokens++;
        for (String language : LANGUAGES_BY_WORD.getOrDefault(word.toString(), List.of())) {
          hits.merge(language, 1, Integer::sum);
        }
        word.setLength(0);
      }
    }
    if (tokens < minTokens) {
      return null;
    }
    String best = null;
    int bestHits = 0;
    int second = 0;
    for (var e : hits.entrySet()) {
      if (e.getValue() > bestHits) {
        second = bestHits;
        bestHits = e.getValue();
        best = e.getKey();
      } else if (e.getValue() > second) {
        second = e.getValue();
      }
    }
    // Function words are a fifth or more of running text; demand a clear winner.
    boolean clear = bestHits * 10 >= tokens && bestHits * 10 >= second * marginTenths;
    return clear ? best : null;
  }
}
