/**
 * The platform's configuration as files, independent of the UI: {@code deck} reads and writes decK files from the
 * gateway repository, {@code plan} diffs a file against the live gateway and applies it. Everything goes through
 * the repositories, so a remote Kong exports exactly as the embedded gateway does.
 */
package dev.gatehouse.app.declarative;
