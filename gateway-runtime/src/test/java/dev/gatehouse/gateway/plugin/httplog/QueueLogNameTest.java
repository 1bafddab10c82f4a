package dev.gatehouse.gateway.plugin.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** http_endpoint is an encrypted field: the name logs give its queue keeps neither user info nor query. */
class QueueLogNameTest {

    @Test
    void credentialsInTheEndpointStayOutOfTheLogName() {
        assertThat(HttpLogPlugin.withoutCredentials(
                        URI.create("https://bob:s3cret@logs.example:8443/ingest?token=abc")))
                .isEqualTo("https://logs.example:8443/ingest");
        assertThat(HttpLogPlugin.withoutCredentials(URI.create("http://logs.example")))
                .isEqualTo("http://logs.example");
    }
}
