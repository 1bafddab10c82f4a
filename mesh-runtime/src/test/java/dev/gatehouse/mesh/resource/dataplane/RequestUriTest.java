package dev.gatehouse.mesh.resource.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Go's url.ParseRequestURI accepts (src/net/url/url.go parse with viaRequest; cases after url_test.go). */
class RequestUriTest {
    @Test
    void absolutePathsAndUrisAreAccepted() {
        assertThat(RequestUri.parses("/healthz")).isTrue();
        assertThat(RequestUri.parses("/8080/healthz?full=1")).isTrue();
        assertThat(RequestUri.parses("/a b")).isTrue();
        assertThat(RequestUri.parses("*")).isTrue();
        assertThat(RequestUri.parses("http://127.0.0.1:8080/ready")).isTrue();
        assertThat(RequestUri.parses("http://[::1]:80/")).isTrue();
        assertThat(RequestUri.parses("mailto:ops@example.com")).isTrue();
    }

    @Test
    void relativeEmptyAndMalformedOnesAreRefused() {
        assertThat(RequestUri.parses("")).isFalse();
        assertThat(RequestUri.parses(null)).isFalse();
        assertThat(RequestUri.parses("healthz")).isFalse();
        assertThat(RequestUri.parses("8080/healthz")).isFalse();
        assertThat(RequestUri.parses(":8080/x")).isFalse();
        assertThat(RequestUri.parses("/bad%zzescape")).isFalse();
        assertThat(RequestUri.parses("/line\nbreak")).isFalse();
        assertThat(RequestUri.parses("http://host:8x/")).isFalse();
        assertThat(RequestUri.parses("http://ho st/")).isFalse();
        assertThat(RequestUri.parses("http://[::1/")).isFalse();
    }
}
