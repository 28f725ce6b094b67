//! Writes that many running jobs make, made together. A busy queue's jobs end many at a
//! time, and each one's own write (its "done", a message's attempt) was one more turn of
//! SQLite's single writer. Jobs hand such a write to one task, which makes every write
//! waiting in one statement and tells each job how its own went. Nothing waits for a batch
//! to fill: while one write runs, the next queue up, so an idle runner writes at once and
//! a busy one writes less often.

use std::future::Future;
use tokio::sync::{mpsc, oneshot};

/// Writes made in one statement, at most.
const BATCH: usize = 128;

/// A write waiting, and where its outcome goes.
type Waiting<T, R> = (T, oneshot::Sender<Result<R, String>>);

/// Where writes of one kind queue to be made together.
#[derive(Debug)]
pub(crate) struct Batches<T, R> {
    queue: mpsc::Sender<Waiting<T, R>>,
}

impl<T, R> Clone for Batches<T, R> {
    fn clone(&self) -> Self {
        Self {
            queue: self.queue.clone(),
        }
    }
}

impl<T: Send + 'static, R: Send + 'static> Batches<T, R> {
    /// Makes the writes queued with [`add`](Self::add) from a task of the current runtime,
    /// a batch at a time, until every [`Batches`] is dropped. `write` answers each write of
    /// a batch, in its order, or fails them all.
    pub fn spawn<W, F>(write: W) -> Self
    where
        W: FnMut(Vec<T>) -> F + Send + 'static,
        F: Future<Output = Result<Vec<R>, String>> + Send + 'static,
    {
        let (queue, waiting) = mpsc::channel(4 * BATCH);
        tokio::spawn(run(write, waiting));
        Self { queue }
    }

    /// Queues a write and waits for its outcome; an error when it could not be made.
    pub async fn add(&self, item: T) -> Result<R, String> {
        let (reply, outcome) = oneshot::channel();
        if self.queue.send((item, reply)).await.is_err() {
            return Err("the writer of finished work stopped".into());
        }
        outcome
            .await
            .unwrap_or_else(|_| Err("the writer of finished work stopped".into()))
    }
}

async fn run<T, R, W, F>(mut write: W, mut waiting: mpsc::Receiver<Waiting<T, R>>)
where
    W: FnMut(Vec<T>) -> F,
    F: Future<Output = Result<Vec<R>, String>>,
{
    let mut batch: Vec<Waiting<T, R>> = Vec::with_capacity(BATCH);
    while waiting.recv_many(&mut batch, BATCH).await > 0 {
        let (items, replies): (Vec<T>, Vec<_>) = batch.drain(..).unzip();
        match write(items).await {
            // A reply without an answer is dropped, and its job told the write stopped.
            Ok(answers) => {
                for (reply, answer) in replies.into_iter().zip(answers) {
                    let _ = reply.send(Ok(answer));
                }
            }
            Err(error) => {
                for reply in replies {
                    let _ = reply.send(Err(error.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn writes_queued_while_one_runs_are_made_together_and_each_is_answered() {
        let batches: Arc<Mutex<Vec<Vec<u32>>>> = Arc::default();
        let seen = batches.clone();
        let (open, gate) = tokio::sync::watch::channel(false);
        let writer = Batches::spawn(move |items: Vec<u32>| {
            let (seen, mut gate) = (seen.clone(), gate.clone());
            async move {
                let _ = gate.wait_for(|open| *open).await;
                seen.lock().unwrap().push(items.clone());
                if items.contains(&13) {
                    return Err("unlucky".to_owned());
                }
                Ok(items.iter().map(|n| n * 2).collect())
            }
        });
        let first = tokio::spawn({
            let writer = writer.clone();
            async move { writer.add(1).await }
        });
        tokio::task::yield_now().await;
        let later: Vec<_> = [2, 3, 4]
            .into_iter()
            .map(|n| {
                let writer = writer.clone();
                tokio::spawn(async move { writer.add(n).await })
            })
            .collect();
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        open.send(true).unwrap();
        assert_eq!(first.await.unwrap(), Ok(2));
        let mut answers = Vec::new();
        for task in later {
            answers.push(task.await.unwrap());
        }
        assert_eq!(answers, vec![Ok(4), Ok(6), Ok(8)]);
        assert_eq!(*batches.lock().unwrap(), vec![vec![1], vec![2, 3, 4]]);
        assert_eq!(writer.add(13).await, Err("unlucky".to_owned()));
    }
}
