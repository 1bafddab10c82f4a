package dev.gatehouse.gateway.proxy;

import io.netty.handler.ssl.SslContext;

/**
 * A service's own TLS settings towards its upstream (Kong's {@code tls_verify}, {@code tls_verify_depth},
 * {@code ca_certificates} and {@code client_certificate}): the context to connect with, and a key naming those
 * settings so that pooled connections are only reused by services with the same ones.
 */
public record UpstreamTls(String key, boolean verify, SslContext context) {}
