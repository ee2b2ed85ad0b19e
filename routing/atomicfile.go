package routing

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFileAtomic replaces path with data so that a reader sees either the
// old file or the new one, never a part: it writes a temporary file in the
// same directory, fsyncs it, renames it over path and fsyncs the directory.
// On failure path is unchanged and the temporary file is removed, except when
// only the final directory fsync fails: path then holds data already, but
// the rename may not survive a crash.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// createFileExclusive writes data to path like writeFileAtomic but fails
// with an error satisfying errors.Is(err, fs.ErrExist) when path exists, so
// two processes that create the same file at once cannot overwrite each
// other.
func createFileExclusive(path string, data []byte, perm os.FileMode) error {
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)

	// A hard link, unlike a rename, never replaces an existing file.
	if err := os.Link(tmp, path); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

func writeTemp(path string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	name := f.Name()
	fail := func(step string, err error) (string, error) {
		f.Close()
		os.Remove(name)
		return "", fmt.Errorf("%s temporary file for %s: %w", step, path, err)
	}

	if err := f.Chmod(perm); err != nil {
		return fail("set mode of", err)
	}
	if _, err := f.Write(data); err != nil {
		return fail("write", err)
	}
	if err := f.Sync(); err != nil {
		return fail("fsync", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("close temporary file for %s: %w", path, err)
	}
	return name, nil
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open directory %s to fsync it: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("fsync directory %s: %w", dir, err)
	}
	return nil
}
