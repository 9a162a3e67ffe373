// Starts DynamoDB Local bound to one host (127.0.0.1) instead of all interfaces.
// Why: DynamoDBLocal.jar has no host flag; its Jetty server is built with `new Server(port)`,
// which listens on 0.0.0.0. We build the server the way ServerRunner does, set the host on its
// connectors before start, and exit when our stdin closes so java never outlives its Node parent.
// Reflection only, so this file compiles without any jar on the class path.
// Usage: java -cp DynamoDBLocal.jar:<dir> DynamoDBLocalLoopback <host> <DynamoDB Local args...>
import java.lang.reflect.Field;
import java.util.Arrays;

public class DynamoDBLocalLoopback {
  public static void main(String[] argv) throws Exception {
    String host = argv[0];
    String[] args = Arrays.copyOfRange(argv, 1, argv.length);
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    Field serverField = proxy.getClass().getDeclaredField("server");
    serverField.setAccessible(true);
    Object server = serverField.get(proxy);
    Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
    }
    proxy.getClass().getMethod("start").invoke(proxy);
    System.out.println("DynamoDB Local listening on " + host);
    System.out.flush();
    // Die with the parent: when the Node process exits (even on SIGKILL) the stdin pipe closes.
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* ignore input */ }
      } catch (Exception ignored) { }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(false);
    watchdog.start();
  }
}
