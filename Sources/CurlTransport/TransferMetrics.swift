/// What libcurl measured for one transfer: which connection it used and where the time went.
public struct TransferMetrics: Sendable, Hashable {
    /// New connections this transfer had to open; 0 means it reused a pooled connection.
    public var newConnections: Int
    /// Seconds from the start of the transfer to each milestone (libcurl's `*_TIME_T`, cumulative).
    public var nameLookup: Double
    public var connect: Double
    public var tlsHandshake: Double
    public var preTransfer: Double
    public var firstByte: Double
    public var total: Double
    /// `1.0`, `1.1`, `2`, `3`, or empty when unknown.
    public var httpVersion: String
    public var remoteIP: String
    public var localPort: Int

    public init(newConnections: Int = 0, nameLookup: Double = 0, connect: Double = 0, tlsHandshake: Double = 0,
                preTransfer: Double = 0, firstByte: Double = 0, total: Double = 0, httpVersion: String = "",
                remoteIP: String = "", localPort: Int = 0) {
        self.newConnections = newConnections
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.preTransfer = preTransfer
        self.firstByte = firstByte
        self.total = total
        self.httpVersion = httpVersion
        self.remoteIP = remoteIP
        self.localPort = localPort
    }

    /// True when the transfer ran on a connection that was already open.
    public var reusedConnection: Bool { newConnections == 0 }
    /// Seconds spent in DNS.
    public var dnsDuration: Double { nameLookup }
    /// Seconds spent in the TCP handshake.
    public var connectDuration: Double { max(0, connect - nameLookup) }
    /// Seconds spent in the TLS handshake (0 for cleartext or a reused connection).
    public var tlsDuration: Double { tlsHandshake > 0 ? max(0, tlsHandshake - connect) : 0 }
}
