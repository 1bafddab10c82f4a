package dev.gatehouse.app.pages.topology;

/** A vertex's position in graph coordinates (its centre). */
public record Point(double x, double y) {}
