package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"github.com/dyad-events/dyad/internal/doc"
)

// GoldToponym is one annotated place name. Span is in bytes of the text.
type GoldToponym struct {
	Span      doc.Span
	Name      string
	Lat, Lon  float64
	HasCoord  bool
	GeonameID int64
}

// GeoArticle is one gold article and its toponyms.
type GeoArticle struct {
	ID       string
	Text     string
	Toponyms []GoldToponym
	Origin   string // file:line
}

// geoLine is one JSONL line of geoparsing gold: the text and its
// toponyms, each with "span" ([start, end] or "(start,end)") or
// "start"/"end", in code points as the public sets count them, and the
// place's coordinates and GeoNames ID when annotated.
type geoLine struct {
	ID       json.RawMessage `json:"id"`
	Text     string          `json:"text"`
	Toponyms []struct {
		Name      string          `json:"name"`
		Span      json.RawMessage `json:"span"`
		Start     *int            `json:"start"`
		End       *int            `json:"end"`
		Lat       *float64        `json:"lat"`
		Lon       *float64        `json:"lon"`
		GeonameID int64           `json:"geonameid"`
	} `json:"toponyms"`
}

// LoadGeoGold reads a geoparsing gold file (JSONL, one article a line).
// The articles that read well are returned even when err is not nil.
func LoadGeoGold(path string) ([]GeoArticle, error) {
	return loadFile(path, ReadGeoGold)
}

// ReadGeoGold reads geoparsing gold JSONL from r; origin names it in
// errors.
func ReadGeoGold(r io.Reader, origin string) ([]GeoArticle, error) {
	var out []GeoArticle
	err := readJSONLines(r, origin, func(b []byte, at string) error {
		var l geoLine
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if l.Text == "" {
			return errors.New("an article needs a text")
		}
		a := GeoArticle{ID: rawID(l.ID), Text: l.Text, Origin: at}
		cp := codePoints(l.Text)
		for i, t := range l.Toponyms {
			g := GoldToponym{Name: t.Name, GeonameID: t.GeonameID}
			sp, ok, err := parseIndex(t.Span, cp)
			if err != nil {
				return fmt.Errorf("toponym %d: span: %w", i, err)
			}
			if !ok && t.Start != nil && t.End != nil {
				if *t.Start < 0 || *t.Start > *t.End || *t.End >= len(cp) {
					return fmt.Errorf("toponym %d: start/end (%d,%d) outside a text of %d characters", i, *t.Start, *t.End, len(cp)-1)
				}
				sp, ok = doc.NewSpan(cp[*t.Start], cp[*t.End]), true
			}
			if !ok {
				return fmt.Errorf("toponym %d: needs a span or start and end", i)
			}
			g.Span = sp
			if g.Name == "" {
				g.Name = sp.In(l.Text)
			}
			if t.Lat != nil && t.Lon != nil {
				if math.Abs(*t.Lat) > 90 || math.Abs(*t.Lon) > 180 {
					return fmt.Errorf("toponym %d: coordinates (%g, %g) off the globe", i, *t.Lat, *t.Lon)
				}
				g.Lat, g.Lon, g.HasCoord = *t.Lat, *t.Lon, true
			}
			a.Toponyms = append(a.Toponyms, g)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// GeoReport is what dyad eval geo prints.
// Its JSON form is GeoJSON.
type GeoReport struct {
	Articles  int
	Toponyms  Score // recognition: P/R/F1 of overlapping spans
	Resolved  int   // matched toponyms with gold coordinates
	Within161 float64
	MedianKm  float64
}

// ScoreGeo scores predicted places against gold toponyms: a predicted
// place matches a gold toponym whose span it overlaps (one to one, in text
// order); accuracy@161km is the share of matched toponyms with gold
// coordinates that dyad placed within 161 km (100 miles), the customary
// geoparsing threshold.
func ScoreGeo(gold []GeoArticle, pred [][]doc.Place) GeoReport {
	rep := GeoReport{Articles: len(gold)}
	var c counts
	var errsKm []float64
	for i, g := range gold {
		used := make([]bool, len(pred[i]))
		tp := 0
		for _, t := range g.Toponyms {
			for k, p := range pred[i] {
				if used[k] || overlap(t.Span, p.Span) == 0 {
					continue
				}
				used[k] = true
				tp++
				if t.HasCoord {
					errsKm = append(errsKm, Kilometres(t.Lat, t.Lon, p.Lat, p.Lon))
				}
				break
			}
		}
		c.add(pairCounts(tp, len(g.Toponyms), len(pred[i])))
	}
	rep.Toponyms = c.score()
	rep.Resolved = len(errsKm)
	if len(errsKm) > 0 {
		within := 0
		for _, km := range errsKm {
			if km <= 161 {
				within++
			}
		}
		rep.Within161 = float64(within) / float64(len(errsKm))
		slices.Sort(errsKm)
		rep.MedianKm = errsKm[len(errsKm)/2]
	}
	return rep
}

// Kilometres is the great-circle distance between two points.
func Kilometres(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// WriteGeoReport prints a GeoReport as a table.
func WriteGeoReport(w io.Writer, rep GeoReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	t := rep.Toponyms
	fmt.Fprintf(tw, "%d articles\n\n", rep.Articles)
	fmt.Fprintln(tw, "toponyms\ttp\tfp\tfn\tprecision\trecall\tf1")
	fmt.Fprintf(tw, "recognised\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", t.TP, t.FP, t.FN, t.Precision, t.Recall, t.F1)
	fmt.Fprintf(tw, "\nresolved %d with gold coordinates: accuracy@161km %.3f, median error %.0f km\n", rep.Resolved, rep.Within161, rep.MedianKm)
	return tw.Flush()
}
