#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The closure a new thread runs, passed through pthread's `void *` argument.
private final class ThreadEntry {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

/// Raw pthreads with a small stack: one thread per connection stays cheap at 1,000+ connections,
/// where Foundation's `Thread` would reserve 8 MiB each.
package enum Threads {
    /// Stack for connection threads. The deepest path is JSONSerialization on a request body.
    package static let connectionStackSize = 512 * 1024

    #if canImport(Glibc)
    package typealias Handle = pthread_t
    #else
    package typealias Handle = pthread_t?
    #endif

    /// Starts `body` on a new thread; returns nil if the system refused to create one.
    package static func spawn(stackSize: Int, detached: Bool,
                      _ body: @escaping @Sendable () -> Void) -> Handle? {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, stackSize)
        if detached {
            pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        }
        let entry = Unmanaged.passRetained(ThreadEntry(body)).toOpaque()
        #if canImport(Glibc)
        var handle = pthread_t()
        #else
        var handle: pthread_t? = nil
        #endif
        let rc = pthread_create(&handle, &attr, { raw in
            #if canImport(Glibc)
            let pointer = raw!
            #else
            let pointer = raw
            #endif
            Unmanaged<ThreadEntry>.fromOpaque(pointer).takeRetainedValue().body()
            return nil
        }, entry)
        guard rc == 0 else {
            Unmanaged<ThreadEntry>.fromOpaque(entry).release()
            return nil
        }
        return handle
    }

    /// Waits for a joinable thread to finish.
    package static func join(_ handle: Handle) {
        #if canImport(Glibc)
        pthread_join(handle, nil)
        #else
        if let handle { pthread_join(handle, nil) }
        #endif
    }
}
