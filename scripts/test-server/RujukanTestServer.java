// How Rujukan starts Temporal's Java test server (scripts/infra/test-server.ts compiles this once beside the jars):
// the library's own TestServer.createPortBoundServer, as its main() does, with two differences: it serves several
// ports, a server of its own on each, in one JVM (below), and the one that follows.
//
// The server's self-advancing timer keeps a list of lock events "for debugging purposes only" (its own comment),
// read only to describe an unbalanced lock in an error message. Every lock a workflow task, an activity or a timer
// takes by count is added to that list and never taken off, and every lock released by handle (each timer that fires,
// each env.sleep) is removed by a scan of the whole list, under the timer's one lock. So the server slows down as it
// works: after 14,000 Updates, a run of env.sleep() took 24 ms a call instead of 3 (while the timer tasks released
// their locks), and jstack caught the timer's threads in LinkedList.remove in 7 of 15 samples; with this launcher,
// 2 to 3 ms. Here that list is replaced by one that keeps nothing, under the timer's own lock, before any client
// connects. Nothing else of the server changes: time skipping, locking and counting are the library's.
package rujukan;

import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.Lock;

public final class RujukanTestServer {
  private RujukanTestServer() {}

  // <port> [<port>...] [--enable-time-skipping]: one server per port, each with its own clock, store and time
  // skipping, in one JVM (the what-if's shards: the JIT compiles the server's code once for all of them).
  public static void main(String[] args) throws Exception {
    List<Integer> ports = new ArrayList<>();
    boolean timeSkipping = false;
    for (String arg : args) {
      if ("--enable-time-skipping".equalsIgnoreCase(arg)) timeSkipping = true;
      else ports.add(Integer.parseInt(arg));
    }
    if (ports.isEmpty()) {
      System.err.println("usage: RujukanTestServer <port> [<port>...] [--enable-time-skipping]");
      System.exit(2);
    }
    for (int port : ports) {
      TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, !timeSkipping);
      Object timer = read(read(server, "testServicesStarter"), "selfAdvancingTimer");
      Lock lock = (Lock) read(timer, "lock");
      lock.lock();
      try {
        field(timer, "lockEvents").set(timer, new KeepsNothing());
      } finally {
        lock.unlock();
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
  }

  // A list that takes every event and finds every one it is asked to remove: the balance of locks is the timer's own
  // count (lockCount), which this does not touch.
  static final class KeepsNothing extends LinkedList<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }

  private static Field field(Object owner, String name) throws NoSuchFieldException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    return field(owner, name).get(owner);
  }
}
