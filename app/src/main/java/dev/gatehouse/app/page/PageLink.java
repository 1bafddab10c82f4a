package dev.gatehouse.app.page;

/**
 * A way into a page that also says what to show there, in words the page defines: the Overview's "Open Routes to
 * protect them" opens Routes showing only the unprotected ones; a palette entry opens a page on the thing it found.
 */
public record PageLink(PageId page, String show) {}
