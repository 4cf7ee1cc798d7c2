package com.finpulse.ingest.extract;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What page furniture looks like: tags that never hold article text, and the class, id and role
 * vocabulary of navigation, cookie banners, share bars, related-links lists, newsletters,
 * advertising, captions and comments. Generic names used across CMSs, not per-site rules.
 */
final class BoilerplateRules {

  /** Removed before anything else is looked at: not text a reader reads as the article. */
  static final Set<String> NON_CONTENT_TAGS =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "svg",
          "math",
          "canvas",
          "iframe",
          "object",
          "embed",
          "video",
          "audio",
          "source",
          "track",
          "picture",
          "input",
          "select",
          "option",
          "textarea",
          "button",
          "link",
          "meta",
          "map",
          "area",
          "dialog",
          "head");

  /** Page furniture by tag wherever it is (BodyTextBuilder drops a few more inside the article). */
  static final Set<String> FURNITURE_TAGS = Set.of("nav", "aside", "footer", "menu");

  private static final Set<String> FURNITURE_ROLES =
      Set.of(
          "navigation",
          "banner",
          "contentinfo",
          "complementary",
          "menu",
          "menubar",
          "search",
          "alert",
          "alertdialog",
          "dialog",
          "toolbar",
          "tablist");

  /**
   * Furniture anywhere on the page, matched against lower-cased class and id. Long words match
   * inside camelCase and compound names ("relatedLinks", "social-share-bar"); short ones only as
   * whole tokens ("ad", not "header").
   */
  private static final NameVocabulary FURNITURE =
      new NameVocabulary(
          List.of(
              "related",
              "social",
              "share",
              "sharing",
              "caption",
              "newsletter",
              "subscribe",
              "subscription",
              "signup",
              "sign-up",
              "cookie",
              "consent",
              "gdpr",
              "breadcrumb",
              "comment",
              "disqus",
              "sidebar",
              "side-bar",
              "skyscraper",
              "sponsor",
              "advert",
              "promo",
              "outbrain",
              "taboola",
              "recirc",
              "recommend",
              "trending",
              "popular",
              "most-read",
              "mostread",
              "more-stories",
              "morestories",
              "further-reading",
              "modal",
              "popup",
              "overlay",
              "masthead",
              "site-header",
              "site-footer",
              "footer",
              "toolbar",
              "pagination",
              "pager",
              "banner",
              "jump-link",
              "skip-link",
              "visually-hidden",
              "sr-only",
              "screen-reader",
              "author-bio",
              "authorbio",
              "about-the-author",
              "byline",
              "copyright",
              "print-only"),
          Set.of(
              "ad",
              "ads",
              "adslot",
              "adunit",
              "dfp",
              "gpt",
              "nav",
              "navbar",
              "menu",
              "tag",
              "tags",
              "topics",
              "keywords",
              "extra",
              "rss",
              "meta",
              "credit",
              "credits",
              "tools",
              "actions",
              "utility",
              "hidden",
              "hide",
              "offscreen",
              "teaser",
              "teasers",
              "nocontent",
              "noprint"),
          List.of("share|holder", "comment|ary", "promo|t"));

  /** Names that mark the article container itself; they protect an element from removal. */
  private static final NameVocabulary ARTICLE_MARKERS =
      new NameVocabulary(
          List.of(
              "article",
              "body",
              "content",
              "entry",
              "main",
              "post",
              "story",
              "text",
              "column",
              "pagewrap",
              "page-wrap",
              "container"),
          Set.of(),
          List.of());

  /**
   * Classes and ids of the article body in common CMSs and publishing platforms, matched with
   * hyphens and underscores removed ("article__body", "article-body", "articleBody").
   */
  private static final NameVocabulary ARTICLE_BODY =
      new NameVocabulary(
          List.of(
              "articlebody",
              "articlecontent",
              "articletext",
              "storybody",
              "storycontent",
              "storytext",
              "entrycontent",
              "postcontent",
              "postbody",
              "postentry",
              "contentbody",
              "bodycontent",
              "bodycopy",
              "maincontent",
              "newsbody",
              "textbody",
              "richtext",
              "paywallcontent",
              "blogpostbody",
              "fieldbody",
              "fieldnamebody",
              "singlecontent"),
          Set.of(),
          List.of());

  private static final NameVocabulary POSITIVE =
      new NameVocabulary(
          List.of(
              "article",
              "body",
              "content",
              "entry",
              "hentry",
              "h-entry",
              "main",
              "page",
              "pagination",
              "post",
              "text",
              "blog",
              "story"),
          Set.of(),
          List.of());

  private static final NameVocabulary NEGATIVE =
      new NameVocabulary(
          List.of(
              "-ad-",
              "hidden",
              "banner",
              "combx",
              "comment",
              "com-",
              "contact",
              "foot",
              "footer",
              "footnote",
              "gdpr",
              "masthead",
              "media",
              "meta",
              "outbrain",
              "promo",
              "related",
              "scroll",
              "share",
              "shoutbox",
              "sidebar",
              "skyscraper",
              "sponsor",
              "shopping",
              "tags",
              "tool",
              "widget",
              "byline",
              "author",
              "dateline",
              "writtenby",
              "caption",
              "credit",
              "newsletter",
              "subscribe",
              "recommend",
              "trending"),
          Set.of("hid"),
          List.of());

  /**
   * Headings that open a block of links to other articles; what follows them in the same section is
   * not the article. Common phrasings in the languages of the news this reads.
   */
  private static final Pattern RELATED_HEADING =
      Pattern.compile(
          "(?iu)^\\W*(related( articles| stories| posts| content| news| coverage| reading| links)?"
              + "|more (from|on|in|stories|news|articles|to read|like this|videos|coverage|for you)\\b.*"
              + "|more \\S+|read (more|next|also)|recommended( for you| stories| reading)?"
              + "|you (may|might) (also )?(like|enjoy|be interested in)|also read|see also|trending( now)?"
              + "|most (read|popular|viewed|shared)( .{0,20})?|popular( now| today| this week| stories| articles| posts| on .*)?"
              + "|latest( news| stories| articles| posts)?|recent (articles|posts|stories|news)"
              + "|forward[- ]looking statements?|safe harbou?r statement|media contacts?|press contacts?"
              + "|investor (relations|contacts?)|contacts?|about the authors?|about us"
              + "|top stories|what to read next|further reading|in other news|explore more"
              + "|keep reading|up next|watch next|sponsored( content| stories)?"
              + "|promoted( stories)?|from (our|the) partners?|around the web|other .{0,30} columns"
              + "|leia (também|mais)|veja também|você pode gostar.*|mais lidas|relacionad[oa]s"
              + "|not[íi]cias relacionadas|te puede interesar|lo más leído|mehr zum thema"
              + "|das könnte sie auch interessieren|weitere artikel|à lire aussi|lire aussi"
              + "|sur le même sujet|articoli correlati|leggi anche)\\W*$");

  private static final Pattern HEADING_CLASS =
      Pattern.compile("title|heading|header|headline|label", Pattern.CASE_INSENSITIVE);

  /** "About Acme Corp." opens the boilerplate paragraph at the end of a press release. */
  private static final Pattern ABOUT_COMPANY =
      Pattern.compile(
          "^About (\\p{Lu}[\\p{L}\\p{N}&.,'’-]*)( \\p{Lu}[\\p{L}\\p{N}&.,'’-]*){0,4}:?$");

  private BoilerplateRules() {}

  static boolean isRelatedHeading(String text) {
    return text.length() <= 80
        && (RELATED_HEADING.matcher(text).matches() || ABOUT_COMPANY.matcher(text).matches());
  }

  /** A heading element, or an element styled as one, that opens a related-links section. */
  static boolean opensRelatedSection(Element e) {
    String tag = e.normalName();
    boolean heading =
        tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '2' && tag.charAt(1) <= '6'
            || HEADING_CLASS.matcher(classAndId(e)).find();
    return heading && isRelatedHeading(TextNormalizer.collapse(e.text()));
  }

  static String classAndId(Element e) {
    String c = e.className();
    String id = e.id();
    return id.isEmpty() ? c : c + " " + id;
  }

  static boolean isFurnitureRole(Element e) {
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    return !role.isEmpty() && FURNITURE_ROLES.contains(role);
  }

  /** Class, id or ARIA label says furniture (lower-cased). */
  static boolean furnitureName(String lowerNames) {
    return FURNITURE.matches(lowerNames);
  }

  static boolean articleContainerName(String lowerNames) {
    return ARTICLE_MARKERS.matches(lowerNames);
  }

  static boolean articleBodyName(String lowerNames) {
    return ARTICLE_BODY.matches(lowerNames.replace("-", "").replace("_", ""));
  }

  /** Readability's class weight: +25 for article-ish names, -25 for furniture names. */
  static int classWeight(String lowerClass, String lowerId) {
    int w = 0;
    for (String names : new String[] {lowerClass, lowerId}) {
      if (names.isEmpty()) {
        continue;
      }
      if (NEGATIVE.matches(names)) {
        w -= 25;
      }
      if (POSITIVE.matches(names)) {
        w += 25;
      }
    }
    return w;
  }

  static boolean isHidden(Element e) {
    if (e.hasAttr("hidden")) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }
}
