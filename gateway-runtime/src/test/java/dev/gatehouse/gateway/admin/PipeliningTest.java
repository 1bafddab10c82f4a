package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.GatewayExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP/1.1 pipelining (RFC 9112 section 9.3.2): responses come back in the order the requests were sent. */
class PipeliningTest {

  @RegisterExtension
  static final GatewayExtension GW = new GatewayExtension();

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    GW.client().post("/services", Map.of("name", "piped", "host", "piped.test"));
    URI admin = URI.create(GW.process().adminUrl());
    StringBuilder batch = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // alternate a found and a missing entity, so out-of-order answers would show in the status sequence
      String path = i % 2 == 0 ? "/services/piped" : "/services/missing-" + i;
      batch.append("GET ").append(path).append(" HTTP/1.1\r\nHost: admin\r\n\r\n");
      expected.add(i % 2 == 0 ? "200" : "404");
    }
    try (Socket s = new Socket(admin.getHost(), admin.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(batch.toString().getBytes(StandardCharsets.US_ASCII)); // all 40 in one write
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<String> statuses = new ArrayList<>();
      while (statuses.size() < expected.size()) {
        String status = in.readLine();
        assertThat(status).startsWith("HTTP/1.1 ");
        statuses.add(status.split(" ")[1]);
        int length = 0;
        for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
          if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
            length = Integer.parseInt(h.substring(15).trim());
          }
        }
        char[] body = new char[length]; // JSON bodies here are ASCII, so chars == bytes
        int read = 0;
        while (read < length) {
          read += in.read(body, read, length - read);
        }
      }
      assertThat(statuses).isEqualTo(expected);
    }
  }
}
