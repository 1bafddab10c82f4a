package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.LenientUpstream;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/1.1 pipelining on the proxy (RFC 9112 section 9.3.2; nginx answers pipelined requests one by one, however
 * many arrive in one read): every request sent in one write is answered, in order.
 */
class ProxyPipeliningTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);

    @Test
    void twoHundredPipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        try (LenientUpstream upstream = LenientUpstream.start()) {
            String host = Setup.host();
            String sid = setup.service(upstream.url());
            setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
            StringBuilder batch = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.append("GET /r/")
                        .append(i)
                        .append(" HTTP/1.1\r\nHost: ")
                        .append(host)
                        .append("\r\n\r\n");
                expected.add("/r/" + i);
            }
            try (RawConnection c = new RawConnection(GW.gateway().proxyListen())) {
                c.send(batch.toString()); // all 200 in one write
                List<RawConnection.Response> responses = c.read(200);
                assertThat(responses)
                        .extracting(RawConnection.Response::status)
                        .hasSize(200)
                        .containsOnly(200);
                assertThat(responses).extracting(RawConnection.Response::body).isEqualTo(expected);
            }
        }
    }
}
