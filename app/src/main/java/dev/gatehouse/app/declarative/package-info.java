/**
 * The platform's configuration as files, independent of the UI: {@code deck} reads and writes decK files from the
 * gateway repository, {@code plan} diffs a file against the live gateway and applies it, {@code kubernetes} writes
 * the gateway (through the decK export) and the mesh as manifests for the Kong Ingress Controller and Kuma.
 * Everything goes through the repositories, so a remote Kong or Kuma exports exactly as the embedded runtimes do.
 */
package dev.gatehouse.app.declarative;
