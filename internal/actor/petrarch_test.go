package actor

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// petrDescribe renders a Dict one line per entry so that tests can compare
// whole results: kind, code, name, roles, phrases.
func petrDescribe(d *Dict) []string {
	phrases := make([][]string, len(d.Entries))
	for _, p := range d.Phrases {
		phrases[p.Entry] = append(phrases[p.Entry], p.Text)
	}
	var out []string
	for i, e := range d.Entries {
		s := fmt.Sprintf("%s %s %q", e.Kind, e.Code, e.Name)
		if e.Kind == KindPerson {
			var roles []string
			for _, r := range e.Roles {
				roles = append(roles, fmt.Sprintf("%s %s..%s", r.Code, r.From, r.To))
			}
			s = fmt.Sprintf("%s %q roles=%s", e.Kind, e.Name, strings.Join(roles, ", "))
		}
		out = append(out, s+" | "+strings.Join(phrases[i], " | "))
	}
	return out
}

func petrSameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestPetrDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date // 0: an error
	}{
		{"991231", DateOf(1999, 12, 31)},
		{"080507", DateOf(2008, 5, 7)},
		{"300101", DateOf(2030, 1, 1)}, // YY up to 30 is 20YY
		{"310101", DateOf(1931, 1, 1)},
		{"20121204", DateOf(2012, 12, 4)},
		{" 19950601 ", DateOf(1995, 6, 1)},
		{"9008223", DateOf(1990, 8, 22)},   // seven digits: the first six
		{"201005011", DateOf(2010, 5, 1)},  // more than eight: the first eight
		{"1920030320", DateOf(1920, 3, 3)}, // as PETRARCH reads Phoenix's typo
		{"20120229", DateOf(2012, 2, 29)},  // leap year
		{"20100229", 0},                    // not a leap year
		{"20100931", 0},
		{"991301", 0},
		{"991200", 0},
		{"12345", 0},
		{"99x231", 0},
		{"", 0},
	}
	for _, tt := range tests {
		got, err := petrDate(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("petrDate(%q) = %s, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("petrDate(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestPetrarchActorPhrase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"RUSSIAN_FEDERATION_", "Russian Federation"},
		{"AL-QAEDA_IN_IRAQ", "al-Qaeda in Iraq"},
		{"BANK_OF_ENGLAND", "Bank of England"},
		{"OSAMA BIN_LADEN", "Osama bin Laden"},
		{"U.S._", "U.S."},
		{"PRESIDENT_GEORGE_W._BUSH", "President George W. Bush"},
		{"NATO", "Nato"},
		{"MANFRED_WÖRNER_", "Manfred Wörner"},
		{"TAL'AFAR", "Tal'afar"},
		{"GROUP OF 77", "Group of 77"},
		{"1ST_BATTALION", "1st Battalion"},
		{"FAEROYENE]_", "Faeroyene"}, // a stray ] in Phoenix
		{"__", ""},
	}
	for _, tt := range tests {
		if got := actorPhrase(tt.in); got != tt.want {
			t.Errorf("actorPhrase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePetrarchActors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "countries, synonyms and organisations",
			src: "AFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL\n\n" +
				"UNITED_NATIONS [IGOUNO]\nRED_CROSS  [NGO] #JW 9/10/91\nGROUP OF 77  [G77]\nPALESTINIAN [pse]\n",
			want: []string{
				`country AFG "Afghanistan" | Afghanistan | Afghan | Kabul`,
				`org IGOUNO "United Nations" | United Nations`,
				`org NGO "Red Cross" | Red Cross`,
				`org G77 "Group of 77" | Group of 77`,
				`country PSE "Palestinian" | Palestinian`,
			},
		},
		{
			name: "code on an indented line, blank lines between synonyms",
			src:  "DENMARK\n+DANISH\n\n+ZEALAND\n\t[DNK]\nENT  \n\t[ENT]\n",
			want: []string{
				`country DNK "Denmark" | Denmark | Danish | Zealand`,
				`country ENT "Ent" | Ent`,
			},
		},
		{
			name: "dated roles come first, the default last",
			src: "SAM_GAMGEE [HOB]  # default\n" +
				"\t[HOBCIV <20080120]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n\t[HOBELI >20130119]\n",
			want: []string{
				`person "Sam Gamgee" roles=HOBCIV ..2008-01-20, ORCHOB 2010-01-09..2010-01-12, HOBMIL 2008-01-20..2012-11-09, HOBELI 2013-01-19.., HOB .. | Sam Gamgee`,
			},
		},
		{
			name: "spaces in restrictions, two-digit years, undated default",
			src: "VLADIMIR_PUTIN_  # CountryInfo.txt\n+PUTIN_\n" +
				"\t[RUSELI 700101-990809]\n\t[RUSGOV 991231 - 080507]\n\t[RUSGOV > 080508]\n\t[RUSELI]\n" +
				"GOLLUM\n\t[HOB < 950601]\n",
			want: []string{
				`person "Vladimir Putin" roles=RUSELI 1970-01-01..1999-08-09, RUSGOV 1999-12-31..2008-05-07, RUSGOV 2008-05-08.., RUSELI .. | Vladimir Putin | Putin`,
				`person "Gollum" roles=HOB ..1995-06-01 | Gollum`,
			},
		},
		{
			name: "several blocks on the name's line, notes after them",
			src: "JAVIER_SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] # CoEU\n" +
				"AMR_MOUSSA_\t[IGOMEAARL >010515][EGYGOV]\t# Arab League\n" +
				"A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n",
			want: []string{
				`person "Javier Solana" roles=IGOEUREEC 1995-07-01..1995-12-31, IGOWSTNAT 1995-12-05..1999-10-06 | Javier Solana`,
				`person "Amr Moussa" roles=IGOMEAARL 2001-05-15.., EGYGOV .. | Amr Moussa`,
				`org MNCMED "A.H. Belo Corporation" | A.H. Belo Corporation`,
			},
		},
		{
			name: "null codes are dropped, and records left with none",
			src: "BOROMIR  [---]\nISILDUR  [+++]\nAHMED_DARWISH_\n\t[---]\nNO_CODE_AT_ALL\n" +
				"PRINCE OF DOL AMROTH\n\t[--- <950630]\n\t[DOL]\n" +
				"MICHELE_MONTAS_\t[HTIOPPMED <061231] [IGOUNOMED]\t[---]\n",
			want: []string{
				`country DOL "Prince of Dol Amroth" | Prince of Dol Amroth`,
				`person "Michele Montas" roles=HTIOPPMED ..2006-12-31, IGOUNOMED .. | Michele Montas`,
			},
		},
		{
			name: "compound code, empty range, lone date, text before an indented block",
			src: "LORIEN  [ELR/GAL]\n" +
				"BAN_KI-MOON\n\t[IGOUNO >20070101]\n\t[KORGOVBUS 2004017-20061201]\n" +
				"MILO_DJUKANOVIC_\n\t[MNEGOV 20121204]\n" +
				"JOHN_J MCCLOY_\n\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]\n",
			want: []string{
				`country ELR "Lorien" | Lorien`,
				`person "Ban Ki-Moon" roles=IGOUNO 2007-01-01.. | Ban Ki-Moon`,
				`person "Milo Djukanovic" roles=MNEGOV 2012-12-04.. | Milo Djukanovic`,
				`person "John J Mccloy" roles=IGOUNODEVWBK 1947-03-01..1949-06-30 | John J Mccloy`,
			},
		},
		{
			name: "comments of every kind",
			src: "<!-- PETRARCH VALIDATION SUITE -->\n<!-- \n# a note\nISRAEL [ISR]\n# -->\n" +
				"<! -- NEW ACTORS -->\nJORDAN <!-- kingdom --> [JOR]\n" +
				"JAMES_BYRNES_  ; CountryInfo.txt\n    [USAELI 18970101-450703]\n  \t[USAGOV 450703-470121]\n" +
				"#\t[AAA950601-990815]  commented out\n" +
				"UNITED_STATES  [USA]\n+U.S.  #JW   9/12/91\n+UN_  #JW\n---STOP---\nNOT_READ [XXX]\n",
			want: []string{
				`country JOR "Jordan" | Jordan`,
				`person "James Byrnes" roles=USAELI 1897-01-01..1945-07-03, USAGOV 1945-07-03..1947-01-21 | James Byrnes`,
				`country USA "United States" | United States | U.S. | Un`,
			},
		},
		{
			name: "duplicate spellings of an entry are kept once",
			src:  "JOHN_KERRY_\n+JOHN_KERRY\n+SENATOR_KERRY_\n\t[USAGOVLEG 850103-130201]\n\t[USAGOV >130201]\n",
			want: []string{
				`person "John Kerry" roles=USAGOVLEG 1985-01-03..2013-02-01, USAGOV 2013-02-01.. | John Kerry | Senator Kerry`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParsePetrarchActors(strings.NewReader(tt.src), "test.actors")
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			petrSameLines(t, petrDescribe(d), tt.want)
		})
	}
}

func TestParsePetrarchActorsOrigin(t *testing.T) {
	d, err := ParsePetrarchActors(strings.NewReader("# c\n\nIRAN  [IRN]\n"), "x.actors")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Entries[0].Origin; got != "x.actors:3" {
		t.Errorf("origin %q, want x.actors:3", got)
	}
	if e := d.Entries[0]; e.Country != "IRN" {
		t.Errorf("country %q, want IRN", e.Country)
	}
}

// petrErrLines is "line: message" for each error in err.
func petrErrLines(t *testing.T, err error) []string {
	t.Helper()
	var list doc.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an doc.ErrorList", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, fmt.Sprintf("%d: %s", e.Line, e.Msg))
	}
	return out
}

func petrCheckErrors(t *testing.T, err error, origin string, want []string) {
	t.Helper()
	got := petrErrLines(t, err)
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d:\n  %s", len(got), len(want), strings.Join(got, "\n  "))
	}
	for i := range want {
		line, msg, _ := strings.Cut(want[i], ": ")
		if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], msg) {
			t.Errorf("error %d is %q, want line %s containing %q", i, got[i], line, msg)
		}
	}
	if !strings.HasPrefix(err.Error(), origin+":") {
		t.Errorf("error %q does not start with the origin %q", err, origin)
	}
}

func TestParsePetrarchActorsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line: part of the message"
		good int      // entries still read
	}{
		{"code before any actor", "\t[USA]\nUSA [USA]\n", []string{"1: before any actor"}, 1},
		{"synonym before any actor", "+AMERICA\n", []string{"1: before any actor"}, 0},
		{"synonym with a code", "USA\n+AMERICA [USA]\n\t[USA]\n", []string{"2: synonym"}, 1},
		{"code at column 0", "[USA]\n", []string{"1: no actor name"}, 0},
		{"indented line without a block", "USA\n\tUSA\n\t[USA]\n", []string{"2: want a [CODE]"}, 1},
		{"missing ]", "USA [USA\n", []string{"1: missing its ]"}, 0},
		{"bad date", "\n\nPUTIN\n\t[RUSGOV 991301-000101]\n", []string{"4: not a calendar day"}, 0},
		{"bad restriction", "PUTIN\n\t[RUSGOV ~990101]\n", []string{"2: want YYYYMMDD"}, 0},
		{"short code", "USA [U]\n", []string{"1: at least three"}, 0},
		{"bad code characters", "USA [U$A]\n", []string{"1: letters and digits"}, 0},
		{"empty block", "USA []\n", []string{"1: no code"}, 0},
		{"empty synonym", "USA [USA]\n+_\n", []string{"2: empty synonym"}, 1},
		{"comment never closed", "USA [USA]\n<!-- open\nRUS [RUS]\n", []string{"2: never closed"}, 1},
		{
			"several errors, line numbers past comments",
			"<!-- a\nb -->\nUSA [USA]\n# note\n\tUSA\nRUS [RUS 20100931-]\nGBR [GBR]\n",
			[]string{"5: want a [CODE]", "6: not a calendar day"},
			2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParsePetrarchActors(strings.NewReader(tt.src), "bad.actors")
			petrCheckErrors(t, err, "bad.actors", tt.want)
			if d == nil || len(d.Entries) != tt.good {
				t.Errorf("got %v, want %d entries read despite the errors", d, tt.good)
			}
		})
	}
}

func TestParsePetrarchAgents(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "codes and plurals",
			src: "PRESIDENT [~GOV] # ns 6/26/01\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n" +
				"POLICE {} [ ~COP]\nOFFICIAL_MEDIA {} [~GOVMED]\nHEAD_OF_POLICE {HEADS_OF_POLICE }[~COP]\n" +
				"MINISTRY_  [~GOV]\nSUPREME_PEOPLE _COURT  [~JUD]\n",
			want: []string{
				`agent GOV "president" | president`,
				`agent GOV "attorney general" | attorney general | attorneys general`,
				`agent COP "police" | police`,
				`agent GOVMED "official media" | official media`,
				`agent COP "head of police" | head of police | heads of police`,
				`agent GOV "ministry" | ministry`,
				`agent JUD "supreme people court" | supreme people court`,
			},
		},
		{
			name: "prefix codes and stray spaces",
			src:  "HUMAN_RIGHTS_BODY  [NGO~] # BNL\nHUMAN_RIGHTS_ORGANIZATION  [  NGO~]\nPEACEKEEPING_TROOPS {} [igo~]\n",
			want: []string{
				`agent NGO "human rights body" | human rights body`,
				`agent NGO "human rights organization" | human rights organization`,
				`agent IGO "peacekeeping troops" | peacekeeping troops`,
			},
		},
		{
			name: "substitution sets",
			src: "!PERSON! = MAN, MEN, WOMAN\n!MINST! = MINISTER, MINISTRY\n" +
				"CONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\n!MINST!  [~GOV]\n" +
				"FIRE!PERSON! {} [~GOV]\n!MINST! FOR_!PERSON! [~GOV]\n",
			want: []string{
				`agent LEG "congressman" | congressman | congressmen | congresswoman`,
				`agent GOV "minister of silly walks" | minister of silly walks | ministry of silly walks`,
				`agent GOV "minister" | minister | ministry`,
				`agent GOV "fireman" | fireman | firemen | firewoman`,
				`agent GOV "minister for man" | minister for man | minister for men | minister for woman | ministry for man | ministry for men | ministry for woman`,
			},
		},
		{
			name: "a set can be redefined",
			src:  "!P! = MAN\nA!P! [~GOV]\n!P! = WOMAN\nB!P! [~GOV]\n",
			want: []string{`agent GOV "aman" | aman`, `agent GOV "bwoman" | bwoman`},
		},
		{
			name: "comments, a } for ], and a line with no code",
			src: "<!-- AGENTS -->\n<!-- VERSION: 0.1 -->\n# JOURNALISTS'_UNION  [~LABMED]\n" +
				"DEPARMENT_OF_ENVIRONMENT [~ENV}\nISLAMIC_EXTREMIST\nSNEAK_THIEF {SNEAK_THIEVES}[~CRM] ; old comment\n",
			want: []string{
				`agent ENV "deparment of environment" | deparment of environment`,
				`agent CRM "sneak thief" | sneak thief | sneak thieves`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParsePetrarchAgents(strings.NewReader(tt.src), "test.agents")
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			petrSameLines(t, petrDescribe(d), tt.want)
			for _, p := range d.Phrases {
				if p.Form != FormAgent || p.Sector != d.Entries[p.Entry].Code {
					t.Errorf("phrase %+v: want FormAgent with its entry's code as sector", p)
				}
			}
		})
	}
}

func TestParsePetrarchAgentsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"undefined set", "!X!_FOO [~GOV]\n", []string{"1: !X! is not defined"}},
		{"set defined later", "A!P! [~GOV]\n!P! = MAN\n", []string{"1: !P! is not defined"}},
		{"unclosed marker", "!P! = MAN\nA!P [~GOV]\n", []string{"2: missing its closing !"}},
		{"empty set", "!X! = , \n", []string{"1: has no items"}},
		{"bad set name", "!X = A, B\n", []string{"1: want !NAME! = A, B, C"}},
		{"marker in a set", "!X! = A!Y!\n", []string{"1: may not contain markers"}},
		{"missing }", "FOO {FOOS [~GOV]\n", []string{"1: missing its }"}},
		{"} without {", "FOO} [~GOV]\n", []string{"1: } without {"}},
		{"text after the plural", "FOO {FOOS} BAR [~GOV]\n", []string{`1: unexpected "BAR"`}},
		{"no tilde", "FOO [GOV]\n", []string{"1: want ~SECTOR"}},
		{"short code", "FOO [~G]\n", []string{"1: at least three"}},
		{"missing ]", "FOO [~GOV\n", []string{"1: missing its ]"}},
		{"missing [", "\nFOO ~GOV]\n", []string{"2: needs [ ]"}},
		{"no words", "[~GOV]\n{FOOS} [~GOV]\n", []string{"1: no words", "2: no words"}},
		{"two codes", "FOO [~GOV] [~MIL]\n", []string{"1: 2 code blocks"}},
		{"expansion bound", "!X! = A,B,C,D,E,F,G,H,I,J\n!X!!X!!X!!X! [~GOV]\n", []string{"2: more than 1000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParsePetrarchAgents(strings.NewReader(tt.src), "bad.agents")
			petrCheckErrors(t, err, "bad.agents", tt.want)
			if d == nil {
				t.Error("no Dict returned with the errors")
			}
		})
	}
}

func TestLoadPetrarch(t *testing.T) {
	base := &Dict{}
	c := base.add(Entry{Kind: KindCountry, Code: "RUS", Name: "Russia"})
	base.phrase(c, "Russia", FormName, "")
	a := base.add(Entry{Kind: KindAgent, Code: "MIL", Name: "forces"})
	base.phrase(a, "forces", FormAgent, "MIL")

	actors := func() []doc.DataFile {
		return []doc.DataFile{
			{R: strings.NewReader("FRANCE [FRA]\n"), Origin: "a.actors"},
			{R: strings.NewReader("GERMANY [DEU]\n"), Origin: "b.actors"},
		}
	}
	agents := func() []doc.DataFile {
		return []doc.DataFile{{R: strings.NewReader("POLICE {} [~COP]\n"), Origin: "c.agents"}}
	}
	tests := []struct {
		name           string
		actors, agents []doc.DataFile
		want           []string
	}{
		{"nothing loaded keeps base", nil, nil, []string{
			`country RUS "Russia" | Russia`, `agent MIL "forces" | forces`,
		}},
		{"actors replace base actors", actors(), nil, []string{
			`agent MIL "forces" | forces`, `country FRA "France" | France`, `country DEU "Germany" | Germany`,
		}},
		{"agents replace base agents", nil, agents(), []string{
			`country RUS "Russia" | Russia`, `agent COP "police" | police`,
		}},
		{"both", actors(), agents(), []string{
			`country FRA "France" | France`, `country DEU "Germany" | Germany`, `agent COP "police" | police`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := LoadPetrarch(base, tt.actors, tt.agents)
			if err != nil {
				t.Fatal(err)
			}
			petrSameLines(t, petrDescribe(d), tt.want)
		})
	}
	if len(base.Entries) != 2 {
		t.Errorf("LoadPetrarch changed base: %d entries", len(base.Entries))
	}

	// Errors from every file are reported together, each with its origin.
	_, err := LoadPetrarch(nil,
		[]doc.DataFile{{R: strings.NewReader("USA [U]\n"), Origin: "x.actors"}, {R: strings.NewReader("OK [USA]\n\tBAD\n"), Origin: "y.actors"}},
		[]doc.DataFile{{R: strings.NewReader("FOO [GOV]\n"), Origin: "z.agents"}})
	var list doc.ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("got %v, want 3 errors", err)
	}
	for i, origin := range []string{"x.actors", "y.actors", "z.agents"} {
		if list[i].Origin != origin {
			t.Errorf("error %d from %q, want %q", i, list[i].Origin, origin)
		}
	}

	// A file that cannot be read is a plain error, not a doc.ParseError.
	_, err = LoadPetrarch(nil, []doc.DataFile{{R: petrErrReader{}, Origin: "broken.actors"}}, nil)
	if err == nil || errors.As(err, &list) {
		t.Errorf("read failure gave %v, want a plain error", err)
	}
}

type petrErrReader struct{}

func (petrErrReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// petrCheckDict asserts what any parse must give: phrases point at entries,
// errors carry sensible line numbers.
func petrCheckDict(t *testing.T, src string, d *Dict, err error) {
	var list doc.ErrorList
	if err != nil && !errors.As(err, &list) {
		if !errors.Is(err, bufio.ErrTooLong) {
			t.Fatalf("error %v is neither an doc.ErrorList nor a read error", err)
		}
		return
	}
	if d == nil {
		t.Fatal("nil Dict without a read error")
	}
	for _, p := range d.Phrases {
		if p.Entry < 0 || int(p.Entry) >= len(d.Entries) || p.Text == "" {
			t.Fatalf("bad phrase %+v", p)
		}
	}
	lines := strings.Count(src, "\n") + 1
	for _, e := range list {
		if e.Line < 1 || e.Line > lines {
			t.Fatalf("error at line %d of %d: %v", e.Line, lines, e)
		}
	}
}

func FuzzParsePetrarchActors(f *testing.F) {
	for _, s := range []string{
		"AFGHANISTAN_  [AFG]\n+AFGHAN_\n",
		"PUTIN\n\t[RUSGOV 991231-080507]\n\t[RUSGOV >080508]\n\t[RUSELI]\n",
		"A [B/C <20100101][--- 1-2]\n<!-- x\n-->\t[ ]\n",
		"X [ABC}\n+Y]\n\tZ [DEF 1920030320-20060520]\n---STOP---",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := ParsePetrarchActors(strings.NewReader(src), "fuzz")
		petrCheckDict(t, src, d, err)
		if d != nil {
			for _, e := range d.Entries {
				e.CodeAt(DateOf(2016, 7, 14))
			}
		}
	})
}

func FuzzParsePetrarchAgents(f *testing.F) {
	for _, s := range []string{
		"!PERSON! = MAN, MEN\nCONGRESS!PERSON! {} [~LEG]\n",
		"ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nX [NGO~]\n",
		"!A! = !B!\n!A!!A! [~}\n{ [",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := ParsePetrarchAgents(strings.NewReader(src), "fuzz")
		petrCheckDict(t, src, d, err)
	})
}

// TestPetrarchFiles loads the real PETRARCH2 and Phoenix dictionaries when
// the shared folder is there.
func TestPetrarchFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "dicts", "petrarch2")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("PETRARCH2 dictionaries not found at %s (%v); skipping the real-file test", dir, err)
	}
	files := []struct {
		name       string
		agents     bool
		minEntries int
	}{
		{"Phoenix.Countries.actors.txt", false, 18000},
		{"Phoenix.International.actors.txt", false, 7500},
		{"Phoenix.MilNonState.actors.txt", false, 1000},
		{"PETR.Validate.actors.txt", false, 100},
		{"Phoenix.agents.txt", true, 2200},
		{"PETR.Validate.agents.txt", true, 80},
	}
	dicts := map[string]*Dict{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		parse := ParsePetrarchActors
		if f.agents {
			parse = ParsePetrarchAgents
		}
		d, err := parse(strings.NewReader(string(b)), f.name)
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		t.Logf("%s: %d entries, %d phrases in %v", f.name, len(d.Entries), len(d.Phrases), time.Since(start))
		if len(d.Entries) < f.minEntries {
			t.Errorf("%s: %d entries, want at least %d", f.name, len(d.Entries), f.minEntries)
		}
		dicts[f.name] = d
	}

	find := func(file, name string) *Entry {
		t.Helper()
		d := dicts[file]
		if d == nil {
			t.Fatalf("%s did not load", file)
		}
		for i := range d.Entries {
			if d.Entries[i].Name == name {
				return &d.Entries[i]
			}
		}
		t.Fatalf("%s has no entry %q", file, name)
		return nil
	}
	codes := []struct {
		file, name string
		day        Date
		want       string
	}{
		{"Phoenix.Countries.actors.txt", "Vladimir Putin", DateOf(2016, 7, 14), "RUSGOV"},
		{"Phoenix.Countries.actors.txt", "Vladimir Putin", DateOf(1995, 1, 1), "RUSELI"},
		{"Phoenix.Countries.actors.txt", "John Kerry", DateOf(2016, 7, 14), "USAGOV"},
		{"Phoenix.Countries.actors.txt", "John Kerry", DateOf(2005, 1, 1), "USAGOVLEG"},
		{"Phoenix.Countries.actors.txt", "Afghanistan", DateOf(2016, 7, 14), "AFG"},
		{"PETR.Validate.actors.txt", "Gollum", DateOf(1990, 1, 1), "HOB"},
		{"PETR.Validate.actors.txt", "Gollum", DateOf(1997, 1, 1), "HOBGOV"},
		{"PETR.Validate.actors.txt", "Gollum", DateOf(2001, 1, 1), "HOBREB"},
		{"PETR.Validate.actors.txt", "Sam Gamgee", DateOf(2010, 1, 10), "ORCHOB"}, // overrides the next line
		{"PETR.Validate.actors.txt", "Sam Gamgee", DateOf(2011, 1, 10), "HOBMIL"},
	}
	for _, c := range codes {
		if got, _, _ := find(c.file, c.name).CodeAt(c.day); got != c.want {
			t.Errorf("%s on %s: %s, want %s", c.name, c.day, got, c.want)
		}
	}
	if e := find("Phoenix.agents.txt", "agriculturalist"); e.Kind != KindAgent || e.Code != "AGR" {
		t.Errorf("agriculturalist: %s %s, want agent AGR", e.Kind, e.Code)
	}
}
