// Command disclose builds a static site of department budget and
// performance-target disclosures (部门整体绩效目标申报表) from TOML data files.
//
// Usage:
//
//	disclose init [-year YEAR] [DIR]       start a new site
//	disclose import FILE.xlsx [-o FILE.toml]
//	                                       read a form from a workbook
//	disclose template [-kind KIND] [-year YEAR] [-o FILE.xlsx]
//	                                       an empty workbook of a form
//	disclose build [-src DIR] [-out DIR]   build the site into public/
//	disclose check [-src DIR]              report every problem; write nothing
//	disclose serve [-src DIR] [-port N] [-bind ADDR]
//	                                       preview the site, reloading on every change
//	disclose archive [-src DIR] [-force] [-sign KEYFILE] YEAR
//	                                       freeze a year into archive/YEAR/
//	disclose sign [-src DIR] -key KEYFILE YEAR
//	                                       sign an archive's manifest
//	disclose archive [-src DIR] -amend -reason TEXT YEAR
//	                                       withhold in archive/YEAR/ what its content now withholds
//	disclose verify [-src DIR] [-dir DIR]  check the archives (and a published copy)
//	disclose gen -n N -out DIR [-seed S] [-years Y,Y,Y]
//	                                       write a generated test site
//
// The content format is documented in package form/overall.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/generator"
	"disclose/serve"
	"disclose/snapshot"
	"disclose/sshsig"
)

func main() {
	log.SetPrefix("disclose: ")
	log.SetFlags(0)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(generator.MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(generator.GCPercent)
	}
	// Ctrl-C or SIGTERM stops a build between files (exit status 130) and
	// serve; a second one ends the program at once, which is as safe. The
	// other commands end at once: they write nothing, or write atomically.
	ctx := context.Background()
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "serve") {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		go func() {
			<-ctx.Done()
			stop()
		}()
	}
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	stopProfile := profile(os.Getenv("DISCLOSE_CPUPROFILE"))
	err := m.Run(ctx, os.Args[1:])
	stopProfile()
	var usage usageError
	switch {
	case err == nil:
	case errors.Is(err, errInterrupted):
		os.Exit(exitInterrupted)
	case errors.Is(err, errFlags):
		os.Exit(2)
	case errors.As(err, &usage):
		if usage != "" {
			fmt.Fprintln(os.Stderr, "disclose:", string(usage))
		}
		fmt.Fprint(os.Stderr, usageText)
		os.Exit(2)
	case errors.Is(err, errReported):
		os.Exit(1)
	default:
		log.Fatal(err)
	}
}

const usageText = `usage: disclose <command> [flags]

commands:
  init     start a new site in a folder, with an example department
           (-year YEAR, DIR)
  import   read a department's form from a workbook into its data file
           (FILE.xlsx, -o FILE.toml)
  template write an empty workbook of a form to fill in and import
           (-kind KIND, -year YEAR, -o FILE.xlsx)
  build    build the site into public/ (-src DIR, -out DIR)
  check    check the site's content and report every problem (-src DIR)
  serve    preview the site at http://127.0.0.1:1313/, reloading pages as
           files change (-src DIR, -port N, -bind ADDR)
  archive  freeze a year's published pages into archive/YEAR/ (-src DIR, -force,
           -sign KEYFILE); with -amend -reason TEXT, withhold in an archived
           year what its content now marks secret
  sign     sign the manifest of a year's archive (-src DIR, -key KEYFILE)
  verify   check every archive against its manifest (-src DIR), and a
           published copy against the archives (-dir DIR)
  gen      write a generated site of N departments for tests and benchmarks
           (-n N, -out DIR, -seed S, -years 2024,2025,2026)

Run 'disclose <command> -h' for a command's flags.
`

const buildUsage = `usage: disclose build [-src DIR] [-out DIR]

Build checks the site and publishes it into the output folder, replacing
what the last build published there in one step. It publishes only into a
folder that is new, empty, or built by it before (as the record
.<name>.published.json beside it says); other files in it are kept.

Exit status: 0 published (or nothing had changed); 1 errors in the site,
nothing published; 2 a mistake in the command line; 130 stopped by Ctrl-C
or SIGTERM, nothing published.

`

// usageError is a mistake in the command line.
type usageError string

func (e usageError) Error() string { return string(e) }

// errReported means the problems were already printed.
var errReported = errors.New("problems reported")

// errInterrupted means a signal stopped the command, which said so.
var errInterrupted = errors.New("interrupted")

// exitInterrupted is the exit status of a command stopped by Ctrl-C or
// SIGTERM: 128 + SIGINT's number, as shells report a program the signal
// ended.
const exitInterrupted = 130

// Main is the program, with its output streams, so that tests can run it.
type Main struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time // the clock archives are dated by; nil means time.Now
}

// version is the release, set with -ldflags "-X main.version=v1.2.0";
// otherwise Version reads the build information.
var version string

// Version names this program's build, for the archives it makes.
func Version() string {
	if version != "" {
		return "disclose " + version
	}
	v := "disclose (devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = "disclose " + bi.Main.Version
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return v + " " + bi.GoVersion
}

// Run runs the command given by args.
func (m *Main) Run(ctx context.Context, args []string) error {
	err := m.run(ctx, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func (m *Main) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError("")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return m.build(ctx, rest)
	case "check":
		return m.check(rest)
	case "serve":
		return m.serve(ctx, rest)
	case "archive":
		return m.archive(rest)
	case "sign":
		return m.sign(rest)
	case "verify":
		return m.verify(rest)
	case "gen":
		return m.gen(rest)
	case "init":
		return m.init(rest)
	case "import":
		return m.importForm(rest)
	case "template":
		return m.template(rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usageText)
		return nil
	default:
		return usageError(fmt.Sprintf("unknown command %q", cmd))
	}
}

func (m *Main) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("disclose "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	return fs
}

func (m *Main) build(ctx context.Context, args []string) error {
	fs := m.flags("build")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), buildUsage)
		fs.PrintDefaults()
	}
	src := fs.String("src", ".", "the site's `folder` (config.toml, content/, …)")
	out := fs.String("out", "", "output `folder` (default: public inside -src)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needSite(*src); err != nil {
		return err
	}
	if *out == "" {
		*out = *src + "/public"
	}
	res, err := generator.Build(os.DirFS(*src), generator.Options{Out: *out, Src: *src, Defaults: disclose.Defaults, Context: ctx})
	m.report(res)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(m.Stderr, "disclose: %v\n", err)
		return errInterrupted
	}
	if err != nil {
		var ce *form.CheckError
		if errors.As(err, &ce) {
			fmt.Fprintf(m.Stderr, "disclose: build stopped: %s; nothing was published\n", form.Count(ce.Diagnostics.Errors(), "error"))
			return errReported
		}
		return err
	}
	fmt.Fprintln(m.Stdout, res.Summary())
	return nil
}

func (m *Main) check(args []string) error {
	fs := m.flags("check")
	src := fs.String("src", ".", "the site's `folder`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needSite(*src); err != nil {
		return err
	}
	_, res, err := generator.Prepare(os.DirFS(*src))
	m.report(res)
	if err != nil {
		var ce *form.CheckError
		if errors.As(err, &ce) {
			return errReported
		}
		return err
	}
	fmt.Fprintf(m.Stdout, "ok: %s, %s\n", form.Count(res.Departments, "department"), form.Count(res.Diagnostics.Warnings(), "warning"))
	return nil
}

func (m *Main) serve(ctx context.Context, args []string) error {
	fs := m.flags("serve")
	src := fs.String("src", ".", "the site's `folder`")
	port := fs.Int("port", 1313, "the `port` to listen on; 0 picks a free one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; another than loopback lets other machines see the preview")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("serve: unexpected argument %q", fs.Arg(0)))
	}
	if err := needSite(*src); err != nil {
		return err
	}
	ip := net.ParseIP(*bind)
	all := *bind == "" || ip != nil && ip.IsUnspecified()
	if !all && *bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(m.Stderr, "disclose: warning: listening on %s: other machines can reach the preview\n", *bind)
	}
	return serve.Serve(ctx, *src, serve.Options{
		Addr:     net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Defaults: disclose.Defaults,
		Log:      m.Stdout,
		Ready: func(url string) {
			fmt.Fprintf(m.Stdout, "serving %s (Ctrl-C to stop)\n", url)
			if all {
				host, err := os.Hostname()
				if err != nil || host == "" {
					host = "THIS-MACHINE"
				}
				fmt.Fprintf(m.Stderr, "disclose: warning: listening on all addresses: other machines can reach the preview, at %s\n",
					strings.Replace(url, "127.0.0.1", host, 1))
			}
		},
	})
}

func (m *Main) archive(args []string) error {
	fs := m.flags("archive")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: disclose archive [-src DIR] [-force] [-sign KEYFILE] YEAR\n       disclose archive [-src DIR] -amend -reason TEXT [-sign KEYFILE] YEAR")
		fs.PrintDefaults()
	}
	src := fs.String("src", ".", "the site's `folder`")
	force := fs.Bool("force", false, "replace the year's archive if there is one")
	key := fs.String("sign", "", "sign the archive's manifest with this Ed25519 private key `file` (passphrase from "+passphraseEnv+" or the terminal)")
	amend := fs.Bool("amend", false, "amend the year's archive: freeze again, with a dated notice, the files that show what the year's content now marks secret; nothing else changes")
	reason := fs.String("reason", "", "with -amend: why, for the archive's record (archive.toml; never published)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("archive: give a year, e.g. disclose archive 2025")
	}
	arg := fs.Arg(0)
	// Flags may also follow the year: disclose archive 2025 -force.
	if err := parse(fs, fs.Args()[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("archive: give one year, e.g. disclose archive 2025")
	}
	y, err := strconv.Atoi(arg)
	if err != nil || y < 1000 || y > 2999 {
		return usageError(fmt.Sprintf("archive: %q is not a year", arg))
	}
	if *amend && *force {
		return usageError("archive: -amend and -force do not go together")
	}
	if err := needSite(*src); err != nil {
		return err
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	var signer *sshsig.Signer
	if *key != "" {
		if signer, err = m.loadSigner(*key); err != nil {
			return err
		}
	}
	if *amend {
		return m.amend(*src, form.Year(y), now(), *reason, signer)
	}
	snap, res, err := generator.Archive(os.DirFS(*src), form.Year(y), generator.ArchiveOptions{
		Defaults: disclose.Defaults, Now: now(), Version: Version(), Force: *force, Signer: signer,
	})
	m.report(res)
	if err != nil {
		var ce *form.CheckError
		if errors.As(err, &ce) {
			fmt.Fprintf(m.Stderr, "disclose: archive stopped: %s; nothing was archived\n", form.Count(ce.Diagnostics.Errors(), "error"))
			return errReported
		}
		return err
	}
	dir := filepath.Join(*src, filepath.FromSlash(snap.Dir))
	if signer != nil {
		err = snap.WriteSigned(dir, *force, signer)
	} else {
		err = snap.Write(dir, *force)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "archived %d: %s (%s, the year page, the zip, the static files they use) into %s, frozen on %s\n",
		y, form.Count(len(snap.Files), "file"), form.Count(len(snap.Info.Departments), "department page"), dir, snap.Info.FrozenDate())
	if signer != nil {
		fmt.Fprintf(m.Stdout, "signed its manifest with %s: %s\n", sshsig.Fingerprint(signer.PublicKey()), filepath.Join(dir, snapshot.SignatureName))
	}
	fmt.Fprintf(m.Stdout, "commit %s; every build now publishes it unchanged at /%d/\n", dir, y)
	return nil
}

func (m *Main) verify(args []string) error {
	fs := m.flags("verify")
	src := fs.String("src", ".", "the site's `folder`, with its archives")
	dir := fs.String("dir", "", "a published `folder` (such as public, or a deployed copy) to check against the archives")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("verify: takes no arguments")
	}
	if err := needSite(*src); err != nil {
		return err
	}
	var signed []string
	opt := snapshot.VerifyOptions{Signed: func(y form.Year, k *sshsig.TrustedKey) {
		signed = append(signed, fmt.Sprintf("archive of %d: signed by %s", y, keyName(k)))
	}}
	if *dir != "" {
		info, err := os.Stat(*dir)
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", *dir)
		}
		opt.Published, opt.PublishedName = os.DirFS(*dir), filepath.ToSlash(*dir)
	}
	n, probs, err := generator.Verify(os.DirFS(*src), opt)
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(m.Stderr, p)
	}
	for _, s := range signed {
		fmt.Fprintln(m.Stdout, s)
	}
	if len(probs) > 0 {
		fmt.Fprintf(m.Stderr, "disclose: verify: %s in %s\n", form.Count(len(probs), "problem"), form.Count(n, "archive"))
		return errReported
	}
	what := "archives"
	if n == 1 {
		what = "archive"
	}
	if *dir != "" {
		fmt.Fprintf(m.Stdout, "ok: %d %s intact, and %s holds them unchanged\n", n, what, *dir)
	} else {
		fmt.Fprintf(m.Stdout, "ok: %d %s intact\n", n, what)
	}
	return nil
}

func (m *Main) gen(args []string) error {
	fs := m.flags("gen")
	n := fs.Int("n", 100, "number of departments")
	out := fs.String("out", "", "the `folder` to write the site into; it must not exist or be empty")
	seed := fs.Uint64("seed", 1, "seed of the pseudo-random variation: the same seed gives the same site")
	years := fs.String("years", "2024,2025,2026", "the years to write a form for, comma-separated")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError("gen: -out is required, and takes no other arguments")
	}
	var ys []form.Year
	for _, s := range strings.Split(*years, ",") {
		y, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return usageError(fmt.Sprintf("gen: -years: %q is not a year", s))
		}
		ys = append(ys, form.Year(y))
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		return fmt.Errorf("gen: %s is not empty; choose a new folder", *out)
	}
	if err := gen.Gen(*out, *n, *seed, ys); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s × %s to %s\n", form.Count(*n, "department"), form.Count(len(ys), "year"), *out)
	return nil
}

// report prints the diagnostics and the redaction report.
func (m *Main) report(res *generator.Result) {
	if res == nil {
		return
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(m.Stderr, d)
	}
	for _, d := range res.Redactions {
		fmt.Fprintf(m.Stdout, "redacted %s (%d %s): %s:", d.File, d.Year, d.Slug, form.Count(len(d.Paths), "item"))
		for _, p := range d.Paths {
			fmt.Fprintf(m.Stdout, " %s", p)
		}
		fmt.Fprintln(m.Stdout)
		if len(d.Accepted) > 0 {
			fmt.Fprintf(m.Stdout, "  accepted as published by another form (accept_published): %s\n", strings.Join(d.Accepted, " "))
		}
	}
}

// amend amends the archive of year y of the site in src.
func (m *Main) amend(src string, y form.Year, now time.Time, reason string, signer *sshsig.Signer) error {
	snap, res, err := generator.Amend(os.DirFS(src), y, generator.AmendOptions{
		Defaults: disclose.Defaults, Now: now, Version: Version(), Reason: reason, Signer: signer,
	})
	m.report(res)
	if err != nil {
		var ce *form.CheckError
		if errors.As(err, &ce) {
			fmt.Fprintf(m.Stderr, "disclose: amendment stopped: %s; the archive is unchanged\n", form.Count(ce.Diagnostics.Errors(), "error"))
			return errReported
		}
		return err
	}
	dir := filepath.Join(src, filepath.FromSlash(snap.Dir))
	// The amended manifest is a new one: an old SHA256SUMS.sig stays with
	// the manifest it signed, under amendments/; with -sign, the amended
	// manifest is signed too.
	if signer != nil {
		err = snap.WriteSigned(dir, true, signer)
	} else {
		err = snap.Write(dir, true)
	}
	if err != nil {
		return err
	}
	rec := snap.Info.Amendments[len(snap.Info.Amendments)-1]
	fmt.Fprintf(m.Stdout, "amended %d: %d files frozen again (the rest unchanged) in %s, dated %s:\n", y, len(rec.Files), dir, rec.Date.Format(time.DateOnly))
	for _, f := range rec.Files {
		fmt.Fprintf(m.Stdout, "\t%s\n", f)
	}
	if signer != nil {
		fmt.Fprintf(m.Stdout, "signed its manifest with %s: %s\n", sshsig.Fingerprint(signer.PublicKey()), filepath.Join(dir, snapshot.SignatureName))
	}
	fmt.Fprintf(m.Stdout, "the record is in %s; commit %s\n", filepath.Join(dir, snapshot.InfoName), dir)
	return nil
}

// profile writes a CPU profile of the run to file, when it is set: for
// finding where a build's time goes (docs/scale.md).
func profile(file string) (stop func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
