package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class DetailsCodecTest {

    /**
     * An entry of Kong's basic log serializer (kong/pdk/log.lua, serialize()) with other ids, path, consumer and times
     * than the dictionary's samples, as the console keeps it (compact, apikey masked).
     */
    private static final String KONG = """
            {"request":{"id":"9e3c7d52a1f04b6c8d2e1f0a3b4c5d6e","uri":"/orders/1234?apikey=••••••",\
            "url":"http://10.0.3.17:8000/orders/1234?apikey=••••••","querystring":{"apikey":"••••••"},\
            "method":"POST","headers":{"host":"api.example.com","user-agent":"python-requests/2.32.3",\
            "accept":"*/*","accept-encoding":"gzip, deflate","content-type":"application/json",\
            "content-length":"48","connection":"keep-alive","apikey":"••••••"},"size":331},\
            "upstream_uri":"/orders/1234","upstream_status":"201","response":{"status":201,\
            "headers":{"content-type":"application/json","content-length":"96","connection":"keep-alive",\
            "x-kong-upstream-latency":"12","x-kong-proxy-latency":"2","via":"1.1 kong/3.9.1"},"size":402},\
            "latencies":{"kong":2,"proxy":12,"request":14,"receive":0},"tries":[{"balancer_start":1764845623117,\
            "balancer_start_ns":1764845623117402112,"balancer_latency":0,"balancer_latency_ns":9824,\
            "ip":"10.0.7.42","port":8080}],"authenticated_entity":{"id":"b1d6a0e2-4c3f-4e8a-9d71-5f2c8e6b3a90",\
            "consumer_id":"e7f4c2a1-8b3d-4f6e-a5c9-1d2b3e4f5a6b"},"route":{"id":"2f8e6d4c-1a3b-4c5d-8e9f-0a1b2c3d4e5f",\
            "name":"orders","paths":["/orders"],"protocols":["http","https"],"strip_path":false,\
            "preserve_host":false,"created_at":1764700000,"updated_at":1764800000,\
            "service":{"id":"6c5b4a39-2817-4f6e-9d8c-7b6a5f4e3d2c"},"ws_id":"0a1b2c3d-4e5f-6789-abcd-ef0123456789"},\
            "service":{"id":"6c5b4a39-2817-4f6e-9d8c-7b6a5f4e3d2c","name":"orders","host":"orders.mesh","port":8080,\
            "protocol":"http","path":null,"retries":5,"connect_timeout":60000,"read_timeout":60000,\
            "write_timeout":60000,"created_at":1764700000,"updated_at":1764800000,\
            "ws_id":"0a1b2c3d-4e5f-6789-abcd-ef0123456789"},"consumer":{"id":"e7f4c2a1-8b3d-4f6e-a5c9-1d2b3e4f5a6b",\
            "username":"shop-frontend","custom_id":null,"created_at":1764700000,\
            "ws_id":"0a1b2c3d-4e5f-6789-abcd-ef0123456789"},"client_ip":"10.0.3.17","started_at":1764845623103,\
            "source":"upstream","workspace":"0a1b2c3d-4e5f-6789-abcd-ef0123456789","workspace_name":"default"}""";

    @Test
    void anyJsonComesBackAsItWent() throws Exception {
        StringBuilder big = new StringBuilder("{\"body\":\"");
        for (int i = 0; i < 20_000; i++) {
            big.append((char) ('a' + (i * 7919) % 26));
        }
        big.append("\",\"name\":\"Zoë — ünïcødé ✓\"}");
        for (String json : new String[] {"{}", KONG, MESH, big.toString()}) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(new String(DetailsCodec.inflate(DetailsCodec.deflate(bytes)), StandardCharsets.UTF_8))
                    .isEqualTo(json);
        }
    }

    /** A MeshAccessLog line in the console's format (MeshAccessLogLines.FORMAT) with its own ports, times and id. */
    private static final String MESH = """
            {"start_time":"2026-12-04T10:47:03.117Z","mesh":"payments","traffic_direction":"INBOUND",\
            "source_service":"unknown","source_address":"10.0.9.3:0",\
            "destination_service":"ledger_payments_svc_9090","upstream_host":"10.0.9.3:9090","protocol":"http",\
            "response_code":201,"response_flags":"-","duration":7,"bytes_sent":402,"bytes_received":331,\
            "details":"","response_details":"via_upstream","method":"POST","path":"/entries",\
            "request_id":"9e3c7d52a1f04b6c8d2e1f0a3b4c5d6e","upstream_local_address":"10.0.9.3:40218",\
            "downstream_remote_address":"10.0.7.42:51734"}""";

    /**
     * The ids, times and addresses of an entry are its own, so they cost what they cost; the keys and the usual
     * values cost next to nothing. Mesh lines are most of the events (each hop is logged by both sidecars). Compared
     * with how entries were kept before the dictionary: deflated alone, at the fastest level.
     */
    @Test
    void entriesKeepFarSmallerThanDeflatedAlone() {
        int[] kong = sizes(KONG);
        int[] mesh = sizes(MESH);
        System.out.printf(
                "Kong entry %d bytes: deflated alone %d, with the dictionary %d; mesh line %d: %d, %d%n",
                kong[0], kong[1], kong[2], mesh[0], mesh[1], mesh[2]);
        assertThat(kong[2]).isLessThan(kong[1] * 2 / 3);
        assertThat(mesh[2]).isLessThan(mesh[1] * 2 / 3);
    }

    private static int[] sizes(String text) {
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        return new int[] {json.length, plainDeflate(json), DetailsCodec.deflate(json).length};
    }

    private static int plainDeflate(byte[] json) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(json);
            deflater.finish();
            byte[] out = new byte[json.length * 2 + 64];
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return n;
        } finally {
            deflater.end();
        }
    }
}
