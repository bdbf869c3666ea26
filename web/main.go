package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends, and prints the URLs to out.
// getenv is os.Getenv, passed in so a test can set PORT.
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	flags := flag.NewFlagSet("web", flag.ContinueOnError)
	flags.SetOutput(out)
	addr := flags.String("addr", "localhost:8080", "`address` of the site; the environment variable PORT replaces its port")
	backendAddr := flags.String("backend-addr", "", "`address` to also serve the Braze backend alone on, as a second origin (the site serves it too)")
	build := flags.String("build", "build", "`directory` of the build output (make build)")
	nodeModules := flags.String("node-modules", "web/node_modules", "`directory` of the npm install (make deps-npm)")
	playground := flags.String("playground", "playground", "`directory` of the playground")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", flags.Args())
	}
	if port := getenv("PORT"); port != "" {
		host, _, err := net.SplitHostPort(*addr)
		if err != nil {
			return fmt.Errorf("-addr %q: %w", *addr, err)
		}
		*addr = net.JoinHostPort(host, port)
	}

	site, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening for the site: %w", err)
	}
	listeners := []net.Listener{site}
	origin := originOf(*addr, site)
	backendOrigin := origin
	if *backendAddr != "" {
		ln, err := net.Listen("tcp", *backendAddr)
		if err != nil {
			site.Close()
			return fmt.Errorf("listening for the backend: %w", err)
		}
		listeners = append(listeners, ln)
		backendOrigin = originOf(*backendAddr, ln)
	}
	cfg := Config{Build: *build, NodeModules: *nodeModules, Playground: *playground, SiteOrigin: origin}
	if backendOrigin != origin {
		cfg.BackendOrigin = backendOrigin
	}
	srv := NewServer(cfg)
	servers := []*http.Server{httpServer(srv.Handler(), defaultTimeouts)}
	if len(listeners) > 1 {
		servers = append(servers, httpServer(srv.BackendHandler(), defaultTimeouts))
	}
	for _, s := range servers {
		s.RegisterOnShutdown(srv.Close) // the event streams never go idle by themselves
	}
	fmt.Fprintf(out, "serving %s/ (build: %s, node_modules: %s, playground: %s)\n", origin, *build, *nodeModules, *playground)
	printLinks(out, siteLinks(origin))
	printLinks(out, backendLinks(backendOrigin))

	errc := make(chan error, len(servers))
	for i, s := range servers {
		go func() { errc <- s.Serve(listeners[i]) }()
	}
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range servers {
		s.Shutdown(shutdownCtx) // stops the others; the first error is the one to report
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// originOf returns the http origin of ln, with the host as the user wrote it
// in addr (so "localhost" stays "localhost") and the port actually bound.
func originOf(addr string, ln net.Listener) string {
	host, _, _ := net.SplitHostPort(addr)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func printLinks(out io.Writer, links []link) {
	for _, l := range links {
		fmt.Fprintf(out, "  %-14s %s\n", l.name, l.url)
	}
}
