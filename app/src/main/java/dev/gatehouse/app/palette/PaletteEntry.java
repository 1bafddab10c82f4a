package dev.gatehouse.app.palette;

import dev.gatehouse.app.icon.AppIcon;

/** One thing the command palette can find and run: a page now, entities and actions later. */
public record PaletteEntry(String label, String detail, AppIcon icon, Runnable action) {}
