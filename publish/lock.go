package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// One build at a time publishes into a folder: each holds a lock beside
// it while its stage exists, and the next cleans up what an interrupted
// one left, saying so.

var errNoLock = errors.New("no file locks here")

// lockStages locks the stage folders of the published folder, waiting for
// another build into it to finish, and then removes the stage folders
// that builds interrupted midway left behind (with the lock held, no
// other build has one), noting each.
func (s *Stage) lockStages() (*os.File, error) {
	parent := filepath.Dir(s.dir)
	f, err := os.OpenFile(filepath.Join(parent, "."+filepath.Base(s.dir)+".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockOut(f); err != nil {
		f.Close()
		if errors.Is(err, errNoLock) {
			return nil, nil
		}
		return nil, err
	}
	stale, _ := filepath.Glob(filepath.Join(parent, stagePrefix(s.dir)+"*"))
	tmps, _ := filepath.Glob(RecordPath(s.dir) + ".tmp-*")
	for _, p := range append(stale, tmps...) {
		if err := removeTree(p); err != nil {
			s.note(p, fmt.Sprintf("left by an earlier build that was interrupted or could not clean up, and cannot be removed: %v", err))
		} else {
			s.note(p, "left by an earlier build that was interrupted or could not clean up; removed")
		}
	}
	return f, nil
}

func (s *Stage) note(p, msg string) { s.notes = append(s.notes, Note{Path: p, Message: msg}) }

// Notes are what the stage did besides publishing: stage folders of
// earlier builds removed, an old site that could not be.
func (s *Stage) Notes() []Note { return s.notes }

func (s *Stage) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}
