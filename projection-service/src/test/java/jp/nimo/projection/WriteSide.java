package jp.nimo.projection;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The real write side, started once per test JVM on the same database as the read side under test,
 * so that end-to-end tests go from a POST on one service to a GET on the other.
 */
public final class WriteSide {

    private static Http http;
    private static int port;
    private static final ReadSideRelay READ_SIDE = new ReadSideRelay();

    private WriteSide() {
    }

    public static synchronized Http http() {
        if (http == null) {
            ServletWebServerApplicationContext context = (ServletWebServerApplicationContext)
                    new SpringApplicationBuilder(CommandServiceApplication.class)
                            .initializers(new TestDatabaseInitializer())
                            .run("--server.port=0", "--nimo.read-url=http://127.0.0.1:" + READ_SIDE.port());
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "write-side-stop"));
            port = context.getWebServer().getPort();
            http = new Http(port);
        }
        return http;
    }

    /** Where the write side finds the read side from now on (it asks the read side for a meeting pack's hash). */
    public static void readSideAt(int readPort) {
        READ_SIDE.pointAt(readPort);
    }

    /** The write side's port, started if it was not yet. */
    public static synchronized int port() {
        http();
        return port;
    }
}
