package dev.gatehouse.app.page;

/**
 * What a page that is not built yet offers instead: a command that does part of its job today (with
 * {@code {gateway}}, {@code {proxy}} and {@code {mesh}} standing for the active connection's addresses), and the
 * page that comes closest.
 */
public record PlannedPage(String command, PageId instead) {}
