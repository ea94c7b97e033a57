# A file outside any workspace is checked alone: no cross-file rules.
$ cp ws-mixed/processes/so-a/A-03.yaml $TMP/ && cd $TMP && qms check A-03.yaml
A-03.yaml:6:14: error[S004]: '2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
A-03.yaml:10:7: error[F005]: end step 'e' has a next step; an end closes the procedure
A-03.yaml:11:7: error[F006]: step 'x' cannot be reached from the start step 's'
checked 1 file: 3 errors, 0 warnings
[1]
$ cd $TMP && printf "process:\n  code: X\n" > x.yaml && qms check x.yaml
x.yaml:2:3: error[S002]: missing required key 'agency' in process
x.yaml:2:3: error[S002]: missing required key 'lanes' in process
x.yaml:2:3: error[S002]: missing required key 'standard' in process
x.yaml:2:3: error[S002]: missing required key 'steps' in process
x.yaml:2:3: error[S002]: missing required key 'title' in process
checked 1 file: 5 errors, 0 warnings
[1]
$ cd $TMP && mkdir ws && printf "workspace: {name: t}\n" > ws/qms.yaml && qms check ws
đã kiểm tra 1 tệp: không có vấn đề gì
