package dev.gatehouse.app.traffic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Keeps a log entry's JSON small while it waits in the ring: deflated with a preset dictionary of what Kong's log
 * serializer and MeshAccessLog lines always repeat (their keys, the usual headers and values), so an entry pays
 * mostly for what is its own: ids, times, addresses. A 2 KB basic-serializer entry full of entity ids keeps 442
 * bytes instead of 864 (deflated alone, at the speed level used before), a mesh line 166 instead of 311
 * (DetailsCodecTest). These arrays are most of the ring's memory at 100,000 entries, and most of what 5,000
 * entries a second promote into the old generation.
 */
final class DetailsCodec {

    /**
     * Sample entries in the shape the console keeps them (compact JSON, credentials masked). Only an aid to
     * compression: any JSON round-trips, the nearer to these the smaller. Deflate codes a nearer match in fewer
     * bits, so the most common text (the mesh line, the short keys) is last.
     */
    private static final byte[] DICTIONARY = ("""
            {"request":{"id":"","uri":"/","url":"http://127.0.0.1:8000/","querystring":{},"method":"GET",\
            "headers":{"host":"127.0.0.1:8000","user-agent":"curl/8.5.0","accept":"*/*","accept-encoding":"gzip",\
            "authorization":"••••••","apikey":"••••••","content-type":"application/json","content-length":"0",\
            "connection":"keep-alive","x-forwarded-for":"127.0.0.1","x-request-id":""},"size":142,\
            "tls":{"version":"TLSv1.3","cipher":"TLS_AES_256_GCM_SHA384"}},"upstream_uri":"/","upstream_status":"200",\
            "response":{"status":200,"headers":{"content-type":"application/json; charset=utf-8","content-length":"27",\
            "connection":"keep-alive","date":"Thu, 03 Dec 2026 20:00:00 GMT","server":"","x-kong-request-id":"",\
            "x-kong-upstream-latency":"1","x-kong-proxy-latency":"0","via":"1.1 kong/3.9.1"},"size":311},\
            "latencies":{"kong":0,"proxy":1,"request":1,"receive":0},"tries":[{"balancer_start":1764790000000,\
            "balancer_start_ns":1764790000000000000,"balancer_latency":0,"balancer_latency_ns":12000,\
            "ip":"127.0.0.1","port":80}],"authenticated_entity":{"id":"","consumer_id":""},\
            "route":{"id":"","name":"","paths":["/"],"methods":null,"hosts":null,"protocols":["http","https"],\
            "strip_path":true,"preserve_host":false,"regex_priority":0,"https_redirect_status_code":426,\
            "request_buffering":true,"response_buffering":true,"path_handling":"v0","created_at":1764790000,\
            "updated_at":1764790000,"service":{"id":""},"ws_id":"default"},"service":{"id":"","name":"",\
            "host":"","port":80,"protocol":"http","path":null,"retries":5,"connect_timeout":60000,\
            "read_timeout":60000,"write_timeout":60000,"enabled":true,"created_at":1764790000,\
            "updated_at":1764790000,"ws_id":"default"},"consumer":{"id":"","username":"","custom_id":null,\
            "created_at":1764790000,"ws_id":"default"},"client_ip":"127.0.0.1","started_at":1764790000000,\
            "source":"upstream","workspace":"default","workspace_name":"default"}
            {"start_time":"2026-12-03T20:00:00.000Z","mesh":"default","traffic_direction":"OUTBOUND",\
            "source_service":"","source_address":"127.0.0.1:40000","destination_service":"",\
            "upstream_host":"127.0.0.1:40000","protocol":"http","response_code":200,"response_flags":"-",\
            "duration":1,"bytes_sent":311,"bytes_received":142,"details":"","response_details":"via_upstream",\
            "method":"GET","path":"/","request_id":"","upstream_local_address":"127.0.0.1:40000",\
            "downstream_remote_address":"127.0.0.1:40000","action":"Allow","allowed":true}
            {"start_time":"2026-12-03T20:00:00.000Z","mesh":"default","traffic_direction":"INBOUND",\
            "source_service":"unknown","source_address":"127.0.0.1:0","destination_service":"demo-app",\
            "upstream_host":"127.0.0.1:40000","downstream_remote_address":"127.0.0.1:40000",\
            "upstream_local_address":"127.0.0.1:40000","protocol":"tcp","response_code":0,"response_flags":"-",\
            "duration":1,"bytes_sent":0,"bytes_received":0,"details":"rbac_access_denied_matched_policy",\
            "response_details":"","method":"","path":"","request_id":"","action":"Allow","allowed":true}
            """).getBytes(StandardCharsets.UTF_8);

    private static final int POOLED = 8;

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8192]);

    /** Deflaters and inflaters hold native memory: a few are reused (one per thread at the same time), not one each. */
    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();

    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();

    private DetailsCodec() {}

    static byte[] deflate(byte[] json) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        }
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(json);
            deflater.finish();
            // one scratch buffer per thread: the only array made per entry is the result
            byte[] scratch = SCRATCH.get();
            int length = 0;
            while (!deflater.finished()) {
                if (length == scratch.length) {
                    scratch = Arrays.copyOf(scratch, scratch.length * 2);
                    SCRATCH.set(scratch);
                }
                length += deflater.deflate(scratch, length, scratch.length - length);
            }
            return Arrays.copyOf(scratch, length);
        } finally {
            deflater.reset();
            if (DEFLATERS.size() < POOLED) {
                DEFLATERS.offer(deflater);
            } else {
                deflater.end();
            }
        }
    }

    static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater();
        }
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 8);
            byte[] chunk = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        inflater.setDictionary(DICTIONARY);
                    } else if (inflater.needsInput()) {
                        throw new DataFormatException("the kept entry ends early");
                    }
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.reset();
            if (INFLATERS.size() < POOLED) {
                INFLATERS.offer(inflater);
            } else {
                inflater.end();
            }
        }
    }
}
