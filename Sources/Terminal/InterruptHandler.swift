import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT into a call, so Ctrl-C cancels the work in flight instead of killing the process
/// (which would leave the terminal and partial output in an unknown state).
///
/// `@unchecked Sendable`: the dispatch source is created in `init` and only cancelled afterwards, which
/// Dispatch allows from any thread; the handler is behind a mutex.
public final class InterruptHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal
    private let handler = Mutex<(@Sendable () -> Void)?>(nil)
    private let count = Atomic<Int>(0)

    public init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            count.add(1, ordering: .relaxed)
            handler.withLock { $0 }?()
        }
        source.resume()
    }

    /// What to do on the next Ctrl-C (replaces the previous action).
    public func onInterrupt(_ action: (@Sendable () -> Void)?) { handler.withLock { $0 = action } }

    /// How many times Ctrl-C was pressed.
    public var interrupts: Int { count.load(ordering: .relaxed) }

    /// Restores the default SIGINT behaviour.
    public func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
