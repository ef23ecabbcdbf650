package serve

import (
	"net"
	"strconv"
)

// openable is the address a browser on this machine opens to reach a
// listener at addr: a listener on all addresses (0.0.0.0, ::) is reached
// at 127.0.0.1.
func openable(addr net.Addr) string {
	if a, ok := addr.(*net.TCPAddr); ok && a.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(a.Port))
	}
	return addr.String()
}
